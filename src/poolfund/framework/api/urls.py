from django.urls import path

from poolfund.framework.api import views

urlpatterns = [
    path("objectives/", views.ObjectiveList.as_view(), name="api-objective-list"),
    path("thematic-areas/", views.ThematicAreaList.as_view(), name="api-thematic-area-list"),
]
