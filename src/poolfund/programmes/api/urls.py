from django.urls import path

from poolfund.programmes.api import views
from poolfund.web.data_cache import cache_public_page

urlpatterns = [
    path(
        "programmes/",
        cache_public_page(views.ProgrammeList.as_view()),
        name="api-programme-list",
    ),
    path(
        "programmes/<str:code>/transfers/",
        views.ProgrammeTransferCreate.as_view(),
        name="api-programme-transfer",
    ),
    path("concept-notes/", views.ConceptNoteList.as_view(), name="api-concept-note-list"),
    path(
        "concept-notes/<str:reference>/",
        views.ConceptNoteDetail.as_view(),
        name="api-concept-note-detail",
    ),
    path(
        "concept-notes/<str:reference>/<slug:action>/",
        views.ConceptNoteTransition.as_view(),
        name="api-concept-note-transition",
    ),
]
