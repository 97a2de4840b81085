from django.urls import path

from poolfund.inbox.api import views

urlpatterns = [
    path("tasks/", views.MyTasks.as_view(), name="api-my-tasks"),
    path("notifications/", views.MyNotifications.as_view(), name="api-my-notifications"),
]
