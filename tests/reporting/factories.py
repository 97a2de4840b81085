"""Progress reports taken through the reporting calendar's workflow by the services."""

from collections.abc import Sequence

from poolfund.reporting.choices import ReportKind
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.services import accept_report, submit_report
from poolfund.results.services import ReportedValue, save_progress


def progress_report(programme, *, year: int | None = None) -> ScheduledReport:
    """The programme's annual progress report for `year`, else its final narrative report."""
    reports = programme.scheduled_reports
    if year is None:
        return reports.get(kind=ReportKind.FINAL_NARRATIVE)
    return reports.get(kind=ReportKind.ANNUAL_PROGRESS, period_end__year=year)


def submitted_progress(
    cast,
    report: ScheduledReport,
    values: Sequence[ReportedValue],
    narrative: str = "Two shelters opened.",
) -> ScheduledReport:
    save_progress(actor=cast.organisation, report=report, narrative=narrative, values=values)
    submit_report(actor=cast.organisation, report=report)
    report.refresh_from_db()
    return report


def accepted_progress(
    cast,
    report: ScheduledReport,
    values: Sequence[ReportedValue],
    narrative: str = "Two shelters opened.",
) -> ScheduledReport:
    submitted_progress(cast, report, values, narrative)
    accept_report(actor=cast.fmu, report=report)
    report.refresh_from_db()
    return report
