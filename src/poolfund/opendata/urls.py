from django.urls import path, register_converter

from poolfund.opendata import views


class FileFormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileFormatConverter, "file_format")

app_name = "opendata"
urlpatterns = [
    path("", views.open_data, name="index"),
    path("<slug:slug>.<file_format:file_format>", views.download, name="download"),
]
