from django.urls import path

from poolfund.results import views

app_name = "results"
urlpatterns = [
    path("programmes/<str:code>/<slug:kind>/new/", views.framework_form, name="framework-add"),
    path(
        "programmes/<str:code>/<slug:kind>/<int:pk>/",
        views.framework_form,
        name="framework-change",
    ),
    path("reports/<int:pk>/progress/", views.progress_entry, name="progress-entry"),
]
