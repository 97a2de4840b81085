from django.urls import path

from poolfund.donors.api import views

urlpatterns = [
    path("donors/", views.DonorList.as_view(), name="api-donor-list"),
    path("contributions/", views.ContributionList.as_view(), name="api-contribution-list"),
    path("fund/summary/", views.FundSummaryView.as_view(), name="api-fund-summary"),
]
