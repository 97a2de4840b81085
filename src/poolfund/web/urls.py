from django.urls import path

from poolfund.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("framework/", views.framework_overview, name="framework-overview"),
    path("language/", views.switch_language, name="switch-language"),
]
