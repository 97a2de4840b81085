from django.urls import path

from poolfund.programmes import cycle_views, views

app_name = "programmes"
urlpatterns = [
    path("programmes/", views.portfolio, name="portfolio"),
    path("programmes/export.csv", views.portfolio_csv, name="portfolio-csv"),
    path("programmes/<str:code>/", views.programme_detail, name="programme"),
    path("programmes/<str:code>/transfers/", views.programme_transfer, name="programme-transfer"),
    path(
        "programmes/<str:code>/expenditure/",
        views.programme_expenditure,
        name="programme-expenditure",
    ),
    path(
        "programmes/<str:code>/revisions/",
        cycle_views.programme_revision,
        name="programme-revision",
    ),
    path(
        "programmes/<str:code>/revisions/<int:pk>/decision/",
        cycle_views.revision_decision,
        name="revision-decision",
    ),
    path(
        "programmes/<str:code>/extensions/",
        cycle_views.programme_extension,
        name="programme-extension",
    ),
    path(
        "programmes/<str:code>/operational-closure/",
        cycle_views.programme_operational_closure,
        name="programme-operational-closure",
    ),
    path(
        "programmes/<str:code>/returns/",
        cycle_views.programme_return,
        name="programme-return",
    ),
    path(
        "programmes/<str:code>/financial-closure/",
        cycle_views.programme_financial_closure,
        name="programme-financial-closure",
    ),
    path(
        "financial-reports/<int:pk>/",
        cycle_views.financial_report,
        name="financial-report",
    ),
    path("concept-notes/", views.pipeline, name="pipeline"),
    path("concept-notes/new/", views.concept_note_new, name="concept-note-new"),
    path("concept-notes/<str:reference>/", views.concept_note_detail, name="concept-note"),
    path("concept-notes/<str:reference>/edit/", views.concept_note_edit, name="concept-note-edit"),
    path(
        "concept-notes/<str:reference>/documents/",
        views.concept_note_document,
        name="concept-note-document",
    ),
    path(
        "concept-notes/<str:reference>/<slug:action>/",
        views.concept_note_action,
        name="concept-note-action",
    ),
]
