from django.urls import path

from poolfund.imports.api import views

urlpatterns = [
    path("", views.ImportList.as_view(), name="api-import-list"),
    path("<int:pk>/", views.ImportDetail.as_view(), name="api-import-detail"),
    path("<int:pk>/confirm/", views.ImportConfirm.as_view(), name="api-import-confirm"),
]
