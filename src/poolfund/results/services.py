"""Writing a programme's results framework and the content of its progress reports (the
narrative and indicator values of a scheduled report of the reporting calendar)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import Conflict, DomainError
from poolfund.framework.models import Objective
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.choices import NARRATIVE_KINDS
from poolfund.reporting.models import ScheduledReport
from poolfund.results.choices import COMPACT, GROUPS, Disaggregation
from poolfund.results.models import Indicator, IndicatorValue, Outcome, Output, ProgressReport

Breakdown = Mapping[str, Mapping[str, Decimal]]
"""A value broken down: {"sex": {"female": 600, "male": 400}}; each dimension adds up to it."""


class InvalidResults(DomainError):
    code = "invalid_results"


def _required(value: str, field_name: str, message: str) -> str:
    """The text stripped; `message` (what to say) is the refusal when it is empty."""
    if not value.strip():
        raise InvalidResults(message, fields={field_name: gettext("Required.")})
    return value.strip()


def _unique_code(queryset, code: str, exclude_pk: int | None = None) -> str:
    code = _required(code, "code", gettext("Say its code."))
    if queryset.filter(code=code).exclude(pk=exclude_pk).exists():
        raise InvalidResults(
            gettext("The code %(code)s is taken.") % {"code": code},
            fields={"code": gettext("Already used.")},
        )
    return code


def checked_breakdown(
    total: Decimal, breakdown: Breakdown, dimensions: Sequence[str], *, field_name: str
) -> dict[str, dict[str, str]]:
    """The breakdown as stored (numbers as text), refused unless every dimension is one the
    indicator declares, every group is known, and each dimension's groups add up to `total`."""
    cleaned: dict[str, dict[str, str]] = {}
    for dimension, groups in breakdown.items():
        if dimension not in dimensions:
            raise InvalidResults(
                gettext("This indicator is not disaggregated by %(dimension)s.")
                % {"dimension": dimension},
                fields={
                    field_name: gettext("Not disaggregated by %(dimension)s.")
                    % {"dimension": dimension}
                },
            )
        known = GROUPS[dimension].values
        unknown = sorted(set(groups) - set(known))
        if unknown:
            raise InvalidResults(
                gettext("%(dimension)s is broken down into %(known)s; not %(unknown)s.")
                % {
                    "dimension": dimension,
                    "known": ", ".join(known),
                    "unknown": ", ".join(unknown),
                },
                fields={
                    field_name: gettext("Unknown %(dimension)s group.") % {"dimension": dimension}
                },
            )
        if not groups:
            continue
        if any(Decimal(value) < 0 for value in groups.values()):
            raise InvalidResults(
                gettext("A breakdown holds no negative values."),
                fields={field_name: gettext("Negative value.")},
            )
        added = sum((Decimal(value) for value in groups.values()), Decimal(0))
        if added != total:
            raise InvalidResults(
                gettext(
                    "The %(dimension)s breakdown adds up to %(added)s, not to the total %(total)s."
                )
                % {
                    "dimension": dimension,
                    "added": f"{added.normalize():f}",
                    "total": f"{Decimal(total).normalize():f}",
                },
                fields={
                    field_name: gettext("The %(dimension)s breakdown does not add up to the total.")
                    % {"dimension": dimension}
                },
            )
        cleaned[dimension] = {
            group: str(Decimal(groups[group])) for group in known if group in groups
        }
    return cleaned


def checked_dimensions(disaggregations: Iterable[str]) -> list[str]:
    unknown = set(disaggregations) - set(Disaggregation.values)
    if unknown:
        raise InvalidResults(
            gettext("Indicators are disaggregated by %(known)s; not by %(unknown)s.")
            % {"known": ", ".join(Disaggregation.values), "unknown": ", ".join(sorted(unknown))},
            fields={"disaggregations": gettext("Unknown dimension.")},
        )
    return sorted(set(disaggregations))


def compact_objectives(numbers: Iterable[int]) -> list[Objective]:
    """The Compact's objectives with these numbers, refusing any the Compact does not have."""
    numbers = sorted(set(numbers))
    found = list(Objective.objects.filter(framework__code=COMPACT, number__in=numbers))
    outside = sorted(set(numbers) - {objective.number for objective in found})
    if outside:
        listed = ", ".join(str(number) for number in outside)
        raise InvalidResults(
            gettext("The Global Compact for Migration has no objective %(numbers)s.")
            % {"numbers": listed},
            fields={
                "objectives": gettext("Not a Compact objective: %(numbers)s.") % {"numbers": listed}
            },
        )
    return found


@transaction.atomic
def define_outcome(*, actor, programme: JointProgramme, code: str, statement: str) -> Outcome:
    require(actor, "programmes.report_results", programme)
    outcome = Outcome.objects.create(
        programme=programme,
        code=_unique_code(programme.outcomes.all(), code),
        statement=_required(statement, "statement", gettext("Say what the outcome is.")),
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=outcome, after=snapshot(outcome))
    return outcome


@transaction.atomic
def change_outcome(*, actor, outcome: Outcome, code: str, statement: str) -> Outcome:
    require(actor, "programmes.report_results", outcome.programme)
    before = snapshot(outcome)
    outcome.code = _unique_code(outcome.programme.outcomes.all(), code, outcome.pk)
    outcome.statement = _required(statement, "statement", gettext("Say what the outcome is."))
    outcome.save()
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=outcome,
        before=before,
        after=snapshot(outcome),
    )
    return outcome


@transaction.atomic
def define_output(*, actor, outcome: Outcome, code: str, statement: str) -> Output:
    require(actor, "programmes.report_results", outcome.programme)
    output = Output.objects.create(
        outcome=outcome,
        code=_unique_code(outcome.outputs.all(), code),
        statement=_required(statement, "statement", gettext("Say what the output is.")),
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=output, after=snapshot(output))
    return output


@transaction.atomic
def change_output(*, actor, output: Output, code: str, statement: str) -> Output:
    require(actor, "programmes.report_results", output.outcome.programme)
    before = snapshot(output)
    output.code = _unique_code(output.outcome.outputs.all(), code, output.pk)
    output.statement = _required(statement, "statement", gettext("Say what the output is."))
    output.save()
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=output,
        before=before,
        after=snapshot(output),
    )
    return output


def indicator_snapshot(indicator: Indicator) -> dict:
    return snapshot(indicator) | {
        "objectives": sorted(objective.number for objective in indicator.objectives.all())
    }


def _fill_indicator(
    indicator: Indicator,
    *,
    code: str,
    description: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    disaggregations: Sequence[str],
    target_breakdown: Breakdown,
) -> None:
    indicator.code = _unique_code(indicator.output.indicators.all(), code, indicator.pk)
    indicator.description = _required(
        description, "description", gettext("Say what the indicator measures.")
    )
    if target is not None and not unit.strip():
        raise InvalidResults(
            gettext("A target is counted in a unit: say the unit (people, shelters, %)."),
            fields={"unit": gettext("Required with a target.")},
        )
    indicator.unit = _required(unit, "unit", gettext("Say the unit the indicator is measured in."))
    indicator.baseline = baseline
    indicator.target = target
    indicator.disaggregations = checked_dimensions(disaggregations)
    indicator.target_breakdown = checked_breakdown(
        target, target_breakdown, indicator.disaggregations, field_name="target_breakdown"
    )


@transaction.atomic
def define_indicator(
    *,
    actor,
    output: Output,
    code: str,
    description: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    disaggregations: Sequence[str] = (),
    objectives: Iterable[int | Objective] = (),
    target_breakdown: Breakdown | None = None,
) -> Indicator:
    """An indicator of an output: its baseline and target in a unit, the dimensions its values
    are broken down by (the target may be broken down too, adding up to it) and the Compact's
    objectives it serves (by number)."""
    require(actor, "programmes.report_results", output.outcome.programme)
    indicator = Indicator(output=output)
    _fill_indicator(
        indicator,
        code=code,
        description=description,
        unit=unit,
        baseline=baseline,
        target=target,
        disaggregations=disaggregations,
        target_breakdown=target_breakdown or {},
    )
    tagged = compact_objectives(_numbers(objectives))
    indicator.save()
    indicator.objectives.set(tagged)
    record_event(
        actor=actor,
        action=AuditAction.CREATE,
        instance=indicator,
        after=indicator_snapshot(indicator),
    )
    return indicator


def _numbers(objectives: Iterable[int | Objective]) -> list[int]:
    return [each.number if isinstance(each, Objective) else int(each) for each in objectives]


@transaction.atomic
def change_indicator(
    *,
    actor,
    indicator: Indicator,
    code: str,
    description: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    disaggregations: Sequence[str],
    objectives: Iterable[int | Objective],
    target_breakdown: Breakdown | None = None,
) -> Indicator:
    """Change an indicator's definition; values already reported stay as they were reported."""
    require(actor, "programmes.report_results", indicator.output.outcome.programme)
    before = indicator_snapshot(indicator)
    _fill_indicator(
        indicator,
        code=code,
        description=description,
        unit=unit,
        baseline=baseline,
        target=target,
        disaggregations=disaggregations,
        target_breakdown=target_breakdown or {},
    )
    tagged = compact_objectives(_numbers(objectives))
    indicator.save()
    indicator.objectives.set(tagged)
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=indicator,
        before=before,
        after=indicator_snapshot(indicator),
    )
    return indicator


# Progress reports: the content of the calendar's narrative reports ----------------------------


@dataclass(frozen=True)
class ReportedValue:
    """An indicator's value achieved by the end of the report's period, with its breakdown."""

    indicator: Indicator
    total: Decimal
    breakdown: Breakdown = field(default_factory=dict)


def latest_revision(report: ScheduledReport) -> ProgressReport | None:
    return report.progress_revisions.order_by("-revision").first()


def revision_snapshot(revision: ProgressReport) -> dict:
    values = revision.values.select_related("indicator").order_by("indicator__code", "pk")
    return snapshot(revision) | {
        "values": [
            {
                "indicator": value.indicator.code,
                "value": str(value.value),
                "breakdown": value.breakdown,
            }
            for value in values
        ]
    }


@transaction.atomic
def save_progress(
    *, actor, report: ScheduledReport, narrative: str, values: Sequence[ReportedValue]
) -> ProgressReport:
    """Write the narrative and indicator values of a due or returned narrative report (its
    open revision; the first one is created). Values are replaced as a whole; an indicator left
    out has no value for the period. Accepted revisions are never changed: correcting one takes
    `reporting.services.start_revision`."""
    require(actor, "reporting.enter_report", report)
    report = (
        ScheduledReport.objects.select_for_update().select_related("programme").get(pk=report.pk)
    )
    if report.kind not in NARRATIVE_KINDS:
        raise InvalidResults(
            gettext("Indicator values and a narrative belong to progress reports.")
        )
    if not report.is_open_for_entry:
        raise Conflict(
            gettext("This report is %(status)s; it cannot be changed now.")
            % {"status": report.get_status_display().lower()}
        )
    rows: list[IndicatorValue] = []
    for reported in values:
        indicator = reported.indicator
        if indicator.output.outcome.programme_id != report.programme_id:
            raise InvalidResults(
                gettext("Indicator %(indicator)s is not %(code)s's.")
                % {"indicator": indicator.code, "code": report.programme.code}
            )
        field_name = f"indicator-{indicator.pk}"
        cells = checked_breakdown(
            reported.total, reported.breakdown, indicator.disaggregations, field_name=field_name
        )
        rows.append(IndicatorValue(indicator=indicator, value=reported.total, breakdown={}))
        rows.extend(
            IndicatorValue(indicator=indicator, value=Decimal(value), breakdown={dimension: group})
            for dimension, groups in cells.items()
            for group, value in groups.items()
        )
    revision = latest_revision(report)
    if revision is not None and revision.is_frozen:
        raise Conflict(
            gettext("The accepted revision stays as it was; start a revision to correct it.")
        )
    created = revision is None
    if created:
        revision = ProgressReport.objects.create(scheduled_report=report, narrative=narrative)
        before = None
    else:
        before = revision_snapshot(revision)
        revision.narrative = narrative
        revision.save(update_fields=["narrative"])
        revision.values.all().delete()
    for row in rows:
        row.report = revision
    IndicatorValue.objects.bulk_create(rows)
    after = revision_snapshot(revision)
    if after != before:
        record_event(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            instance=revision,
            before=before,
            after=after,
            reason="progress report entry",
        )
    return revision


def check_progress_submittable(report: ScheduledReport) -> None:
    revision = latest_revision(report)
    if revision is None or revision.is_frozen or not revision.narrative.strip():
        raise InvalidResults(
            gettext(
                "A progress report tells what happened in a narrative: write it before submitting."
            ),
            fields={"narrative": gettext("Required.")},
        )


def accept_progress(report: ScheduledReport, actor) -> None:
    """The open revision counts from now on, in place of the one accepted before it."""
    now = timezone.now()
    revision = latest_revision(report)
    report.progress_revisions.filter(accepted_at__isnull=False, superseded_at__isnull=True).update(
        superseded_at=now
    )
    revision.accepted_at = now
    revision.save(update_fields=["accepted_at"])


def open_progress_revision(report: ScheduledReport, actor, reason: str) -> ProgressReport:
    """A new revision starting from the accepted one: same narrative and values, open."""
    accepted = latest_revision(report)
    revision = ProgressReport.objects.create(
        scheduled_report=report, revision=accepted.revision + 1, narrative=accepted.narrative
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            report=revision,
            indicator_id=value.indicator_id,
            value=value.value,
            breakdown=value.breakdown,
        )
        for value in accepted.values.all()
    )
    record_event(
        actor=actor,
        action=AuditAction.CREATE,
        instance=revision,
        after=revision_snapshot(revision),
        reason=reason,
    )
    return revision
