from django.urls import path

from poolfund.accounts.api import views

urlpatterns = [
    path("tokens/", views.ApiTokenList.as_view(), name="api-token-list"),
    path("tokens/<int:token_id>/", views.ApiTokenRevoke.as_view(), name="api-token-revoke"),
]
