from django.urls import path

from poolfund.iati import identifier_views, views

app_name = "iati"
urlpatterns = [
    path("activities/", views.external_activity_list, name="external-activities"),
    path("activities/<int:pk>/", views.external_activity, name="external-activity"),
    path("poolfund-activities.xml", views.activities_file, name="activities-file"),
    path("poolfund-organisation.xml", views.organisation_file, name="organisation-file"),
    path(
        "organisations/",
        identifier_views.organisation_identifiers,
        name="organisation-identifiers",
    ),
    path(
        "organisations/<str:kind>/<int:pk>/",
        identifier_views.organisation_identifier,
        name="organisation-identifier",
    ),
]
