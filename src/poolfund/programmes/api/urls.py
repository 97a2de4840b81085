from django.urls import path

from poolfund.programmes.api import cycle_views, views
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
    path(
        "programmes/<str:code>/revisions/",
        cycle_views.ProgrammeRevisions.as_view(),
        name="api-programme-revisions",
    ),
    path(
        "programmes/<str:code>/revisions/<int:pk>/decision/",
        cycle_views.RevisionDecision.as_view(),
        name="api-revision-decision",
    ),
    path(
        "programmes/<str:code>/extensions/",
        cycle_views.ProgrammeExtensions.as_view(),
        name="api-programme-extensions",
    ),
    path(
        "programmes/<str:code>/closure/",
        cycle_views.ProgrammeClosureDetail.as_view(),
        name="api-programme-closure",
    ),
    path(
        "programmes/<str:code>/operational-closure/",
        cycle_views.OperationalClosure.as_view(),
        name="api-programme-operational-closure",
    ),
    path(
        "programmes/<str:code>/financial-closure/",
        cycle_views.FinancialClosure.as_view(),
        name="api-programme-financial-closure",
    ),
    path(
        "programmes/<str:code>/returns/",
        cycle_views.ProgrammeReturns.as_view(),
        name="api-programme-returns",
    ),
    path(
        "financial-reports/<int:pk>/",
        cycle_views.FinancialReportDetail.as_view(),
        name="api-financial-report",
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
