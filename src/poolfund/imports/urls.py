from django.urls import path, register_converter

from poolfund.imports import views


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "sheetformat")

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("templates/<slug:kind>.<sheetformat:format>", views.template, name="template"),
    path("exports/<slug:kind>.<sheetformat:format>", views.export, name="export"),
]
