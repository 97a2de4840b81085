from django.urls import path

from poolfund.champions import views

app_name = "champions"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("memberships/new/", views.add_country_term, {"kind": "membership"}, name="membership-new"),
    path("co-chairs/new/", views.add_country_term, {"kind": "co-chair"}, name="co-chair-new"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum"),
    path("surveys/new/", views.survey_new, name="survey-new"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey"),
    path("surveys/<int:pk>/answer/", views.survey_answer, name="survey-answer"),
    path("roadmaps/", views.roadmap_list, name="roadmaps"),
    path("roadmaps/new/", views.roadmap_edit, name="roadmap-new"),
    path("roadmaps/<int:pk>/", views.roadmap_detail, name="roadmap"),
    path("roadmaps/<int:pk>/edit/", views.roadmap_edit, name="roadmap-edit"),
    path("roadmaps/<int:pk>/comment/", views.roadmap_comment, name="roadmap-comment"),
    path("roadmaps/<int:pk>/co-authors/", views.roadmap_add_co_author, name="roadmap-co-author"),
    path("roadmaps/<int:pk>/concept-note/", views.roadmap_propose, name="roadmap-propose"),
    path("roadmaps/<int:pk>/advance/", views.roadmap_advance, name="roadmap-advance"),
    path(
        "roadmaps/<int:pk>/proposal.pdf",
        views.roadmap_export,
        {"format": "pdf"},
        name="roadmap-pdf",
    ),
    path(
        "roadmaps/<int:pk>/proposal.docx",
        views.roadmap_export,
        {"format": "docx"},
        name="roadmap-docx",
    ),
    path("practices/", views.practice_list, name="practices"),
    path("practices/new/", views.practice_create, name="practice-new"),
]
