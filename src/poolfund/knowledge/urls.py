from django.urls import path

from poolfund.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("exchange/", views.exchange, name="exchange"),
    path("similar/<slug:kind>/<str:key>/", views.similar_work, name="similar-work"),
]
