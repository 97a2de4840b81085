from django.urls import path

from poolfund.programmes import views

app_name = "programmes"
urlpatterns = [
    path("programmes/", views.portfolio, name="portfolio"),
    path("programmes/export.csv", views.portfolio_csv, name="portfolio-csv"),
    path("programmes/<str:code>/", views.programme_detail, name="programme"),
    path("programmes/<str:code>/status/", views.programme_status, name="programme-status"),
    path("programmes/<str:code>/transfers/", views.programme_transfer, name="programme-transfer"),
    path(
        "programmes/<str:code>/expenditure/",
        views.programme_expenditure,
        name="programme-expenditure",
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
