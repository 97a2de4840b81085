from django.urls import path

from poolfund.allocation import views

app_name = "allocation"
urlpatterns = [
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/policy/", views.round_policy, name="round-policy"),
    path("rounds/<int:pk>/run/", views.round_run, name="round-run"),
    path("rounds/<int:pk>/decide/", views.round_decide, name="round-decide"),
]
