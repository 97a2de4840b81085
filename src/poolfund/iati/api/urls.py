from django.urls import path

from poolfund.iati.api import views

urlpatterns = [
    path("", views.ExternalActivityList.as_view(), name="api-external-activity-list"),
    path("<int:pk>/", views.ExternalActivityDetail.as_view(), name="api-external-activity-detail"),
]
