"""The FMU's page of the IATI organisation identifiers the export uses: one small form per
organisation; a refused one is shown again as posted, its error at the field and above."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.iati.identifiers import KINDS, identified_organisations, set_iati_identifier
from poolfund.web.forms import performed

PERMISSION = "iati.set_organisation_identifier"


class IdentifierForm(forms.Form):
    identifier = forms.CharField(
        label=_("IATI organisation identifier"), max_length=200, required=False
    )

    def __init__(self, *args, kind: str, pk: int, **kwargs) -> None:
        super().__init__(*args, auto_id=f"identifier-input-{kind}-{pk}-%s", **kwargs)


def _page(request: HttpRequest, refused: tuple[str, IdentifierForm] | None = None, status=200):
    """Every organisation with its form (the refused one, keyed `kind-pk`, as posted)."""
    key, bound = refused or ("", None)
    rows = [
        (
            each,
            bound
            if each.key == key
            else IdentifierForm(
                kind=each.kind, pk=each.pk, initial={"identifier": each.identifier}
            ),
        )
        for each in identified_organisations()
    ]
    return render(
        request,
        "iati/organisation_identifiers.html",
        {"rows": rows, "form": bound},
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
    form = IdentifierForm(request.POST, kind=kind, pk=pk)
    if not performed(form, set_iati_identifier, actor=request.user, organisation=organisation):
        return _page(request, refused=(f"{kind}-{pk}", form), status=400)
    return _page(request)
