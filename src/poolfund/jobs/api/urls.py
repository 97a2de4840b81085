from django.urls import path

from poolfund.jobs.api import views

urlpatterns = [
    path("<uuid:job_id>/", views.JobDetail.as_view(), name="api-job-detail"),
]
