from django.urls import path

from poolfund.framework import views

app_name = "framework"
urlpatterns = [
    path("objectives/<int:number>/", views.objective_detail, name="objective"),
]
