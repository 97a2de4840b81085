"""Reads of results: a programme's framework with its latest values, and roll-ups by GCM
objective and thematic area."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from poolfund.accounts.policy import can
from poolfund.framework.models import Objective, ThematicArea
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


def framework_context(user, programme: JointProgramme) -> dict:
    """What a programme page's results section shows: the framework with the latest accepted
    values, and whether `user` may build it (the section then offers its forms)."""
    return {
        "programme": programme,
        "outcomes": results_framework(programme),
        "latest_totals": latest_totals(programme),
        "may_edit_results": can(user, "programmes.report_results", programme),
    }


def latest_totals(programme: JointProgramme) -> dict[int, Decimal]:
    """Each indicator's latest accepted total value (the value reported without a breakdown)."""
    return _latest_totals(counting_values().filter(report__scheduled_report__programme=programme))


def _latest_totals(values: QuerySet[IndicatorValue]) -> dict[int, Decimal]:
    latest: dict[int, Decimal] = {}
    rows = (
        values.filter(breakdown={})
        .order_by("report__scheduled_report__period_end", "pk")
        .values_list("indicator_id", "value")
    )
    for indicator_id, value in rows:
        latest[indicator_id] = value
    return latest


@dataclass(frozen=True)
class ResultsTally:
    """What the accepted progress reports say of a group of indicators."""

    indicators: int
    programmes: int
    reported: int
    """Indicators with a value in an accepted progress report."""
    reached: int
    """Indicators whose latest accepted value is at or beyond their target."""
    progress: Decimal | None
    """The mean share of the way from baseline to target of the reported indicators (0 to 1,
    an indicator beyond its target counting as 1); None when none is reported."""


@dataclass(frozen=True)
class ObjectiveRollUp(ResultsTally):
    objective: Objective


@dataclass(frozen=True)
class ThematicAreaRollUp(ResultsTally):
    thematic_area: ThematicArea | None
    """None for the cross-cutting objective 23."""


def results_by_objective() -> list[ObjectiveRollUp]:
    """The indicators serving each GCM objective, and how far the accepted values took them."""
    groups: dict[Objective, list[Indicator]] = {}
    for indicator in _tagged_indicators():
        for objective in indicator.objectives.all():
            groups.setdefault(objective, []).append(indicator)
    latest = _latest_totals(counting_values())
    return [
        ObjectiveRollUp(objective=objective, **_tally(groups[objective], latest))
        for objective in sorted(groups, key=lambda objective: objective.number)
    ]


def results_by_thematic_area() -> list[ThematicAreaRollUp]:
    """The indicators serving each thematic area (through their objectives), and how far the
    accepted values took them; the cross-cutting objective 23 comes last."""
    groups: dict[ThematicArea | None, dict[int, Indicator]] = {}
    for indicator in _tagged_indicators():
        for objective in indicator.objectives.all():
            groups.setdefault(objective.thematic_area, {})[indicator.pk] = indicator
    latest = _latest_totals(counting_values())
    return [
        ThematicAreaRollUp(thematic_area=area, **_tally(list(groups[area].values()), latest))
        for area in sorted(groups, key=lambda area: (area is None, area.number if area else 0))
    ]


def _tagged_indicators() -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(objectives__isnull=False)
        .distinct()
        .select_related("output__outcome")
        .prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.select_related("thematic_area"))
        )
    )


def _tally(indicators: list[Indicator], latest: dict[int, Decimal]) -> dict:
    reported = [indicator for indicator in indicators if indicator.pk in latest]
    shares = {
        indicator.pk: _share_of_the_way(indicator, latest[indicator.pk]) for indicator in reported
    }
    measured = [
        shares[indicator.pk] for indicator in reported if indicator.target != indicator.baseline
    ]
    return {
        "indicators": len(indicators),
        "programmes": len({indicator.output.outcome.programme_id for indicator in indicators}),
        "reported": len(reported),
        "reached": sum(share == 1 for share in shares.values()),
        "progress": sum(measured, Decimal(0)) / len(measured) if measured else None,
    }


def _share_of_the_way(indicator: Indicator, value: Decimal) -> Decimal:
    """How far `value` is from the indicator's baseline towards its target, between 0 and 1
    (a target below the baseline is a fall: reaching it is the whole way too)."""
    if indicator.target == indicator.baseline:
        return Decimal(1) if value == indicator.target else Decimal(0)
    share = (value - indicator.baseline) / (indicator.target - indicator.baseline)
    return min(Decimal(1), max(Decimal(0), share))


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
