from django.urls import path

from poolfund.results.api import entry_views as views

urlpatterns = [
    path(
        "programmes/<str:code>/results-framework/",
        views.ResultsFramework.as_view(),
        name="api-results-framework",
    ),
    path(
        "programmes/<str:code>/outcomes/", views.OutcomeCreate.as_view(), name="api-outcome-create"
    ),
    path(
        "programmes/<str:code>/outcomes/<int:pk>/",
        views.OutcomeChange.as_view(),
        name="api-outcome-change",
    ),
    path("programmes/<str:code>/outputs/", views.OutputCreate.as_view(), name="api-output-create"),
    path(
        "programmes/<str:code>/outputs/<int:pk>/",
        views.OutputChange.as_view(),
        name="api-output-change",
    ),
    path(
        "programmes/<str:code>/indicators/",
        views.IndicatorCreate.as_view(),
        name="api-indicator-create",
    ),
    path(
        "programmes/<str:code>/indicators/<int:pk>/",
        views.IndicatorChange.as_view(),
        name="api-indicator-change",
    ),
    path("reports/<int:pk>/progress/", views.ProgressEntry.as_view(), name="api-progress-entry"),
]
