from django.urls import path

from poolfund.audit import views

urlpatterns = [
    path("<str:model_label>/<str:object_id>/", views.record_history, name="record-history"),
]
