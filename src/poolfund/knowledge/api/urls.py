"""Knowledge endpoints at the API root: search, suggestions, and one `similar/` endpoint per
registered kind (`/api/v1/<url_segment>/<key>/similar/`)."""

from django.urls import path

from poolfund.knowledge.api import views
from poolfund.knowledge.registry import SOURCES

urlpatterns = [
    path("search/", views.Search.as_view(), name="api-knowledge-search"),
    path(
        "knowledge/objective-suggestions/",
        views.ObjectiveSuggestions.as_view(),
        name="api-objective-suggestions",
    ),
    path(
        "knowledge/objective-suggestions/feedback/",
        views.SuggestionFeedback.as_view(),
        name="api-objective-suggestion-feedback",
    ),
    path("practices/", views.PracticeList.as_view(), name="api-practice-list"),
    path("lessons/", views.LessonList.as_view(), name="api-lesson-list"),
] + [
    path(
        f"{source.url_segment}/<str:key>/similar/",
        views.SimilarWork.as_view(source=source),
        name=f"api-{source.kind}-similar",
    )
    for source in SOURCES.values()
]
