from django.urls import path

from poolfund.champions.api import views

urlpatterns = [
    path("countries/", views.ChampionCountryList.as_view(), name="api-champion-country-list"),
    path("co-chairs/", views.CoChairList.as_view(), name="api-co-chair-list"),
    path("co-chairs/rotation/", views.CoChairRotation.as_view(), name="api-co-chair-rotation"),
    path("forums/", views.ForumList.as_view(), name="api-forum-list"),
    path("forums/<slug:slug>/", views.ForumDetail.as_view(), name="api-forum-detail"),
    path("surveys/", views.SurveyList.as_view(), name="api-survey-list"),
    path("surveys/<int:pk>/answers/", views.SurveyAnswers.as_view(), name="api-survey-answers"),
    path("surveys/<int:pk>/results/", views.SurveyResults.as_view(), name="api-survey-results"),
    path("roadmaps/", views.RoadmapList.as_view(), name="api-roadmap-list"),
    path("roadmaps/<int:pk>/", views.RoadmapDetail.as_view(), name="api-roadmap-detail"),
    path("practices/", views.GoodPracticeList.as_view(), name="api-good-practice-list"),
]
