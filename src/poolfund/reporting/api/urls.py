from django.urls import path

from poolfund.reporting.api import views

urlpatterns = [
    path("", views.ReportList.as_view(), name="api-report-list"),
    path("<int:pk>/", views.ReportDetail.as_view(), name="api-report-detail"),
    *(
        path(f"<int:pk>/{name}/", views.step_view(name).as_view(), name=f"api-report-{name}")
        for name in views.STEPS
    ),
]
