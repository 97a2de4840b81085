from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from poolfund.iati.activity_file import NothingToPublish, programme_activities_xml
from poolfund.iati.filtersets import ExternalActivityFilterSet
from poolfund.iati.organisation_file import organisation_xml
from poolfund.iati.selectors import external_activities, external_activity_detail
from poolfund.web.data_cache import cache_public_page
from poolfund.web.query import checked

PAGE_SIZE = 50


@cache_public_page
def external_activity_list(request: HttpRequest) -> HttpResponse:
    filterset = checked(ExternalActivityFilterSet(request.GET, queryset=external_activities()))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "iati/external_activity_list.html",
        {"filterset": filterset, "page": page, "query": query.urlencode()},
    )


@cache_public_page
def external_activity(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(external_activity_detail(), pk=pk)
    return render(request, "iati/external_activity_detail.html", {"activity": activity})


def _xml_download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def activities_file(request: HttpRequest) -> HttpResponse:
    """The Fund's IATI 2.03 activity file, generated on request from the current data (404
    while no programme can be published)."""
    try:
        content = programme_activities_xml()
    except NothingToPublish as error:
        return HttpResponse(error.message, status=404, content_type="text/plain; charset=utf-8")
    return _xml_download(content, "poolfund-iati-activities.xml")


def organisation_file(request: HttpRequest) -> HttpResponse:
    return _xml_download(organisation_xml(), "poolfund-iati-organisation.xml")
