"""What the reporting calendar waits on, for `/me/`: reports an organisation owes (due soon,
overdue or returned for revision) and submitted reports the FMU has to review."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.inbox.registry import Person, Task, Waiting, by_due_date, first_tasks, task_kind
from poolfund.reporting.choices import ReportStatus
from poolfund.reporting.models import ScheduledReport

HORIZON = timedelta(days=90)
"""Reports due further ahead are not yet work: the calendar runs to the programme's end."""


def _report_task(kind: str):
    def to_task(report: ScheduledReport) -> Task:
        if kind == "reporting.review":
            action = _("Accept, or return for revision")
        elif report.status == ReportStatus.RETURNED:
            action = _("Revise and submit again")
        else:
            action = _("Submit the report")
        who = f" {report.organisation.acronym}" if report.organisation_id else ""
        return Task(
            kind=kind,
            key=f"report-{report.pk}",
            action=action,
            subject=f"{report.programme.code} {report.get_kind_display()}{who}, "
            f"{report.period_start:%Y-%m-%d} to {report.period_end:%Y-%m-%d}",
            url=reverse("reporting:report", args=[report.pk]),
            since=report.submitted_at if kind == "reporting.review" else None,
            due_on=report.due_on if kind == "reporting.report-due" else None,
        )

    return to_task


def _reports():
    return ScheduledReport.objects.select_related("programme", "organisation").only(
        "programme",
        "organisation",
        "kind",
        "status",
        "period_start",
        "period_end",
        "due_on",
        "submitted_at",
        "programme__code",
        "organisation__acronym",
    )


@task_kind("reporting.report-due", _("Reports due"), roles=(Role.ORGANISATION_FOCAL_POINT,))
def reports_due(person: Person, limit: int | None) -> Waiting:
    """Reports the person's organisations owe (their financial reports, the narrative
    reports of the programmes they take part in), due within 90 days, overdue, or returned."""
    organisations = person.scopes(Role.ORGANISATION_FOCAL_POINT, "organisation")
    theirs = ScheduledReport.objects.filter(
        Q(organisation__in=organisations)
        | Q(organisation__isnull=True, programme__budget_lines__organisation__in=organisations)
    ).values("pk")
    reports = _reports().filter(
        Q(status=ReportStatus.RETURNED)
        | Q(status=ReportStatus.DUE, due_on__lte=person.today + HORIZON),
        pk__in=theirs,
    )
    return first_tasks(
        by_due_date(reports, "due_on", "period_end"), limit, _report_task("reporting.report-due")
    )


@task_kind("reporting.review", _("Reports to review"), roles=(Role.FMU,))
def reports_to_review(person: Person, limit: int | None) -> Waiting:
    reports = _reports().filter(status=ReportStatus.SUBMITTED)
    return first_tasks(
        by_due_date(reports, None, "submitted_at"), limit, _report_task("reporting.review")
    )
