from django.urls import path

from poolfund.iati.api import identifiers

urlpatterns = [
    path("", identifiers.IdentifiedOrganisationList.as_view(), name="api-iati-organisations"),
    path(
        "<str:kind>/<int:pk>/",
        identifiers.IdentifiedOrganisationDetail.as_view(),
        name="api-iati-organisation",
    ),
]
