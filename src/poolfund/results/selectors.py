"""Reads of results: a programme's framework with its latest values, and roll-ups by GCM
objective and thematic area."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet

from poolfund.framework.models import Objective
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.models import ScheduledReport
from poolfund.results.models import Indicator, IndicatorValue, Outcome, Output, ProgressReport


def results_framework(programme: JointProgramme) -> QuerySet[Outcome]:
    return Outcome.objects.filter(programme=programme).prefetch_related(
        Prefetch(
            "outputs",
            queryset=Output.objects.prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.prefetch_related("objectives"))
            ),
        )
    )


def counting_values() -> QuerySet[IndicatorValue]:
    """The indicator values that count: those of accepted progress reports, each report's
    accepted revision in force (a revision being prepared does not count yet)."""
    return IndicatorValue.objects.filter(
        report__accepted_at__isnull=False, report__superseded_at__isnull=True
    )


def latest_totals(programme: JointProgramme) -> dict[int, Decimal]:
    """Each indicator's latest accepted total value (the value reported without a breakdown)."""
    latest: dict[int, Decimal] = {}
    values = (
        counting_values()
        .filter(report__scheduled_report__programme=programme, breakdown={})
        .order_by("report__scheduled_report__period_end", "pk")
    )
    for value in values:
        latest[value.indicator_id] = value.value
    return latest


@dataclass(frozen=True)
class ObjectiveRollUp:
    objective: Objective
    indicators: int
    programmes: int


def results_by_objective() -> list[ObjectiveRollUp]:
    """How many indicators, in how many programmes, serve each GCM objective."""
    objectives = (
        Objective.objects.filter(indicators__isnull=False)
        .annotate(
            indicator_count=Count("indicators", distinct=True),
            programme_count=Count("indicators__output__outcome__programme", distinct=True),
        )
        .select_related("thematic_area")
        .order_by("number")
    )
    return [
        ObjectiveRollUp(objective, objective.indicator_count, objective.programme_count)
        for objective in objectives
    ]


def results_by_thematic_area() -> dict[int | None, int]:
    """Indicators per thematic area number (None for the cross-cutting objective 23)."""
    rows = (
        Indicator.objects.filter(objectives__isnull=False)
        .values("objectives__thematic_area__number")
        .annotate(count=Count("pk", distinct=True))
    )
    return {row["objectives__thematic_area__number"]: row["count"] for row in rows}


@dataclass(frozen=True)
class ValueEntry:
    """An indicator's reported value as entered: the total and its breakdown by dimension."""

    indicator_id: int
    total: Decimal
    breakdown: dict[str, dict[str, Decimal]]


def value_entries(revision: ProgressReport | None) -> dict[int, ValueEntry]:
    """The values of a progress report's revision by indicator id, as they were entered."""
    if revision is None:
        return {}
    totals: dict[int, Decimal] = {}
    cells: dict[int, dict[str, dict[str, Decimal]]] = {}
    for value in revision.values.all():
        if not value.breakdown:
            totals[value.indicator_id] = value.value
        for dimension, group in value.breakdown.items():
            cells.setdefault(value.indicator_id, {}).setdefault(dimension, {})[group] = value.value
    return {pk: ValueEntry(pk, total, cells.get(pk, {})) for pk, total in totals.items()}


def open_or_latest_revision(report: ScheduledReport) -> ProgressReport | None:
    """The revision being entered, or the last one (accepted or submitted)."""
    return report.progress_revisions.order_by("-revision").prefetch_related("values").first()
