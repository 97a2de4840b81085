from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from poolfund.framework.models import Objective
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.knowledge.forms import SearchForm
from poolfund.knowledge.registry import source_for_kind
from poolfund.knowledge.search import SearchPage, search_documents
from poolfund.knowledge.selectors import exchange_by_objective, similar_work_for_record
from poolfund.knowledge.similarity import current_method, overlap_warnings

RESULTS_PER_PAGE = 20


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = SearchPage(hits=[], total=0)
    if form.is_bound and form.is_valid():
        page = search_documents(form.cleaned_data["q"], form.filters(), limit=RESULTS_PER_PAGE)
    context = {"form": form, "page": page, "searched": form.is_bound}
    if request.headers.get("HX-Request"):
        return render(request, "knowledge/_search_results.html", context)
    return render(request, "knowledge/search.html", context)


@require_GET
def exchange(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.get("objective", "")
    number = int(chosen) if chosen.isdigit() else None
    objectives = Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE).order_by("number")
    return render(
        request,
        "knowledge/exchange.html",
        {"groups": exchange_by_objective(number), "objectives": objectives, "chosen": number},
    )


@require_GET
def similar_work(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """A panel of similar work and overlap warnings, for any page to load with htmx."""
    source = source_for_kind(kind)
    works = similar_work_for_record(source, key, request.user, limit=5) if source else None
    if works is None:
        raise Http404("No such record.")
    return render(
        request,
        "knowledge/_similar_work.html",
        {"works": works, "warnings": overlap_warnings(works), "method": current_method()},
    )
