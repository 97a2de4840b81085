from django.urls import path

from poolfund.allocation.api import views

urlpatterns = [
    path("solve/", views.SolveAllocation.as_view(), name="api-allocation-solve"),
]
