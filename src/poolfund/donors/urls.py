from django.urls import path

from poolfund.donors import views

app_name = "donors"
urlpatterns = [
    path("donors/", views.donor_list, name="list"),
    path("donors/<slug:slug>/", views.donor_detail, name="detail"),
    path("fund/", views.capitalization, name="capitalization"),
    path("fund/sources-and-uses/", views.fund_statement, name="sources-and-uses"),
]
