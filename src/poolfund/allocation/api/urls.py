from django.urls import path

from poolfund.allocation.api import views

urlpatterns = [
    path("allocation/solve/", views.SolveAllocation.as_view(), name="api-allocation-solve"),
    path("allocation-rounds/", views.AllocationRoundList.as_view(), name="api-allocation-rounds"),
    path(
        "allocation-rounds/<int:pk>/",
        views.AllocationRoundDetail.as_view(),
        name="api-allocation-round",
    ),
]
