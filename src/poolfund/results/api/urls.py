from django.urls import path

from poolfund.results.api import views

urlpatterns = [
    path("by-objective/", views.ResultsByObjective.as_view(), name="api-results-by-objective"),
    path(
        "by-thematic-area/",
        views.ResultsByThematicArea.as_view(),
        name="api-results-by-thematic-area",
    ),
]
