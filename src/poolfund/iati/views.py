from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from poolfund.iati.filtersets import ExternalActivityFilterSet
from poolfund.iati.selectors import external_activities, external_activity_detail

PAGE_SIZE = 50


def external_activity_list(request: HttpRequest) -> HttpResponse:
    filterset = ExternalActivityFilterSet(request.GET, queryset=external_activities())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "iati/external_activity_list.html",
        {"filterset": filterset, "page": page, "query": query.urlencode()},
    )


def external_activity(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(external_activity_detail(), pk=pk)
    return render(request, "iati/external_activity_detail.html", {"activity": activity})
