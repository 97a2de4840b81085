"""The FMU's page of the IATI organisation identifiers the export uses."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.errors import DomainError
from poolfund.iati.identifiers import KINDS, identified_organisations, set_iati_identifier

PERMISSION = "iati.set_organisation_identifier"


def _page(request: HttpRequest, *, errors=None, status: int = 200) -> HttpResponse:
    return render(
        request,
        "iati/organisation_identifiers.html",
        {"rows": [(each, (errors or {}).get(each.key, "")) for each in identified_organisations()]},
        status=status,
    )


@permission_required(PERMISSION)
def organisation_identifiers(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@permission_required(PERMISSION)
def organisation_identifier(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("No such kind of organisation.")
    organisation = get_object_or_404(KINDS[kind], pk=pk)
    try:
        set_iati_identifier(
            actor=request.user,
            organisation=organisation,
            identifier=request.POST.get("identifier", ""),
        )
    except DomainError as error:
        return _page(request, errors={f"{kind}-{pk}": error.message}, status=400)
    return _page(request)
