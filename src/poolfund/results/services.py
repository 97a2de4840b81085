"""Writing a programme's results framework and its progress reports."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.errors import DomainError
from poolfund.framework.models import Objective
from poolfund.programmes.models import JointProgramme
from poolfund.results.choices import Disaggregation
from poolfund.results.models import Indicator, IndicatorValue, Outcome, Output, ProgressReport


class InvalidResults(DomainError):
    code = "invalid_results"


@transaction.atomic
def define_outcome(*, actor, programme: JointProgramme, code: str, statement: str) -> Outcome:
    require(actor, "programmes.report_results", programme)
    outcome = Outcome.objects.create(programme=programme, code=code, statement=statement)
    record_event(actor=actor, action=AuditAction.CREATE, instance=outcome)
    return outcome


@transaction.atomic
def define_output(*, actor, outcome: Outcome, code: str, statement: str) -> Output:
    require(actor, "programmes.report_results", outcome.programme)
    output = Output.objects.create(outcome=outcome, code=code, statement=statement)
    record_event(actor=actor, action=AuditAction.CREATE, instance=output)
    return output


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
    objectives: Iterable[Objective] = (),
) -> Indicator:
    require(actor, "programmes.report_results", output.outcome.programme)
    unknown = set(disaggregations) - set(Disaggregation.values)
    if unknown:
        raise InvalidResults(
            f"Indicators are disaggregated by {', '.join(Disaggregation.values)}; "
            f"not by {', '.join(sorted(unknown))}."
        )
    if not unit.strip():
        raise InvalidResults("Say the unit an indicator is measured in.")
    indicator = Indicator.objects.create(
        output=output,
        code=code,
        description=description,
        unit=unit,
        baseline=baseline,
        target=target,
        disaggregations=sorted(set(disaggregations)),
    )
    indicator.objectives.set(objectives)
    record_event(actor=actor, action=AuditAction.CREATE, instance=indicator)
    return indicator


@dataclass(frozen=True)
class ReportedValue:
    indicator: Indicator
    value: Decimal
    breakdown: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def submit_progress_report(
    *,
    actor,
    programme: JointProgramme,
    period_start: date,
    period_end: date,
    narrative: str,
    values: Sequence[ReportedValue],
) -> ProgressReport:
    """Report progress over a period: a narrative and values of the programme's indicators,
    broken down only along the dimensions each indicator declares."""
    require(actor, "programmes.report_results", programme)
    if period_end < period_start:
        raise InvalidResults("A reporting period ends after it starts.")
    if not narrative.strip():
        raise InvalidResults("A progress report tells what happened in a narrative.")
    for reported in values:
        if reported.indicator.output.outcome.programme_id != programme.pk:
            raise InvalidResults(f"Indicator {reported.indicator.code} is not {programme.code}'s.")
        undeclared = set(reported.breakdown) - set(reported.indicator.disaggregations)
        if undeclared:
            raise InvalidResults(
                f"Indicator {reported.indicator.code} is not disaggregated by "
                f"{', '.join(sorted(undeclared))}."
            )
    report = ProgressReport.objects.create(
        programme=programme,
        period_start=period_start,
        period_end=period_end,
        narrative=narrative,
        submitted_by=actor,
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            report=report,
            indicator=reported.indicator,
            value=reported.value,
            breakdown=reported.breakdown,
        )
        for reported in values
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=report, reason="progress report")
    return report
