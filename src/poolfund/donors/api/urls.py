from django.urls import path

from poolfund.donors.api import views

urlpatterns = [
    path("donors/", views.DonorList.as_view(), name="api-donor-list"),
    path("deposits/", views.DepositList.as_view(), name="api-deposit-list"),
    path("fund/summary/", views.FundSummaryView.as_view(), name="api-fund-summary"),
]
