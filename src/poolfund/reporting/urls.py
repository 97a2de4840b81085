from django.urls import path

from poolfund.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_list, name="reports"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/attachments/", views.report_attach, name="report-attach"),
    path(
        "<int:pk>/<slug:step>/",
        views.report_step,
        name="report-step",
    ),
]
