from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from poolfund.api.tabular import csv_response
from poolfund.iati.quality import publication
from poolfund.opendata.exports import xlsx_bytes
from poolfund.opendata.registry import dataset_named, registered_datasets
from poolfund.web.data_cache import cache_public_page

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@cache_public_page
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/open_data.html",
        {"datasets": registered_datasets(), "iati": publication()},
    )


def download(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    dataset = dataset_named(slug)
    if dataset is None:
        raise Http404("No such dataset.")
    filename = f"poolfund-{dataset.slug}.{file_format}"
    if file_format == "csv":
        return csv_response(filename, dataset.header(), dataset.rows(), stream=True)
    response = HttpResponse(xlsx_bytes(dataset), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
