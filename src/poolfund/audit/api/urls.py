from django.urls import path

from poolfund.audit.api import views

urlpatterns = [
    path("events/", views.AuditEventList.as_view(), name="api-audit-event-list"),
]
