from django.urls import path

from poolfund.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.my_work, name="my-work"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification"),
    path("preferences/", views.preferences, name="preferences"),
]
