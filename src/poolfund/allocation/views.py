"""The committee page of a stored allocation round: the proposal beside the portfolio, pins and
re-runs (htmx, nothing stored), and the Steering Committee's decision."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.accounts.policy import can
from poolfund.allocation import selectors, services
from poolfund.allocation.forms import DecisionForm, RoundPolicyForm
from poolfund.allocation.models import AllocationRound, RoundPolicy
from poolfund.errors import DomainError
from poolfund.programmes.models import ConceptNote
from poolfund.web.charts import grouped_bar_chart_svg
from poolfund.web.forms import bound_or_new, performed

PIN_PREFIX = "pin-"


def pins_from(data: QueryDict) -> tuple[set[str], set[str]]:
    """(pinned in, pinned out) from the selects named `pin-<reference>`."""
    pins: dict[str, set[str]] = {"in": set(), "out": set()}
    for name, value in data.items():
        if name.startswith(PIN_PREFIX) and value in pins:
            pins[value].add(name.removeprefix(PIN_PREFIX))
    return pins["in"], pins["out"]


def note_rows(
    data: dict[str, Any], result: dict[str, Any], pin_in: set[str], pin_out: set[str]
) -> list[dict[str, Any]]:
    titles = dict(
        ConceptNote.objects.filter(reference__in=[n["id"] for n in data["notes"]]).values_list(
            "reference", "title"
        )
    )
    selected = {item["id"]: item for item in result["selected"]}
    left_out = {item["id"]: item for item in result["left_out"]}
    rows = [
        {
            **note,
            "title": titles.get(note["id"], ""),
            "selected": selected.get(note["id"]),
            "left_out": left_out.get(note["id"]),
            "pin": "in" if note["id"] in pin_in else "out" if note["id"] in pin_out else "",
        }
        for note in data["notes"]
    ]
    return sorted(rows, key=lambda row: (row["selected"] is None, -Decimal(row["score"])))


def balance_by_area(data: dict[str, Any], result: dict[str, Any]) -> list[dict[str, Any]]:
    """Per thematic area: committed so far, proposed now, and together."""
    area_of = {note["id"]: note["thematic_area"] for note in data["notes"]}
    proposed: dict[str, Decimal] = {}
    for item in result["selected"]:
        area = area_of[item["id"]]
        proposed[area] = proposed.get(area, Decimal(0)) + Decimal(item["amount"])
    return [
        {
            "area": number,
            "current": current,
            "proposed": proposed.get(str(number), Decimal(0)),
            "after": current + proposed.get(str(number), Decimal(0)),
        }
        for number, current in selectors.portfolio_by_thematic_area().items()
    ]


def balance_chart(balance: list[dict[str, Any]]) -> str:
    return grouped_bar_chart_svg(
        [
            (_("Thematic area %(number)s") % {"number": row["area"]}, series, row[key])
            for row in balance
            for key, series in (("current", _("Portfolio")), ("after", _("With the proposal")))
        ],
        value_title=_("USD"),
    )


def proposal_context(
    allocation_round: AllocationRound, pin_in: set[str], pin_out: set[str]
) -> dict[str, Any]:
    try:
        data, result = services.run_round(allocation_round, pin_in=pin_in, pin_out=pin_out)
    except DomainError as error:
        return {"round": allocation_round, "problem": error.message}
    balance = balance_by_area(data, result)
    return {
        "round": allocation_round,
        "data": data,
        "result": result,
        "rows": note_rows(data, result, pin_in, pin_out),
        "balance": balance,
        "chart": balance_chart(balance),
    }


@permission_required("allocation.run_optimiser")
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = AllocationRound.objects.select_related("policy").order_by("-decided_on", "name")
    return render(request, "allocation/round_list.html", {"rounds": rounds})


@permission_required("allocation.run_optimiser")
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return round_page(request, pk)


def round_page(
    request: HttpRequest,
    pk: int,
    bound: Form | None = None,
    pins: tuple[set[str], set[str]] = (set(), set()),
) -> HttpResponse:
    """A round's page (`bound`, a form just posted that failed, in its place with its errors,
    and the proposal for the `pins` posted with it)."""
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    context = proposal_context(allocation_round, *pins)
    policy = RoundPolicy.objects.filter(allocation_round=allocation_round).first()
    may_decide = can(request.user, "allocation.record_decision", allocation_round)
    context.update(
        {
            "policy_form": bound_or_new(RoundPolicyForm, bound, instance=policy)
            if can(request.user, "allocation.prepare_round", allocation_round)
            else None,
            "may_decide": may_decide,
            "decision_form": bound_or_new(DecisionForm, bound) if may_decide else None,
            "decisions": allocation_round.decisions.select_related("concept_note", "decided_by"),
            "latest_proposal": selectors.latest_proposal(allocation_round),
        }
    )
    return render(request, "allocation/round_detail.html", context)


@require_POST
@permission_required("allocation.run_optimiser")
def round_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-run with the pins of the form; answers the proposal fragment. Stores nothing."""
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    pin_in, pin_out = pins_from(request.POST)
    return render(
        request,
        "allocation/_proposal.html",
        proposal_context(allocation_round, pin_in, pin_out),
    )


@require_POST
@permission_required("allocation.record_decision")
def round_decide(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    pin_in, pin_out = pins_from(request.POST)
    form = DecisionForm(request.POST)
    if not performed(
        form,
        services.record_allocation_decision,
        actor=request.user,
        allocation_round=allocation_round,
        pin_in=pin_in,
        pin_out=pin_out,
    ):
        return round_page(request, allocation_round.pk, bound=form, pins=(pin_in, pin_out))
    messages.success(
        request,
        _("%(count)d concept notes approved for funding.") % {"count": len(form.result)},
    )
    return redirect("allocation:round", pk=allocation_round.pk)


@require_POST
@permission_required("allocation.prepare_round")
def round_policy(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    instance = RoundPolicy.objects.filter(allocation_round=allocation_round).first()
    form = RoundPolicyForm(
        request.POST, instance=instance or RoundPolicy(allocation_round=allocation_round)
    )
    if not performed(form, actor=request.user, allocation_round=allocation_round):
        return round_page(request, allocation_round.pk, bound=form)
    messages.success(request, _("Policy settings saved."))
    return redirect("allocation:round", pk=allocation_round.pk)
