"""Reads of the reporting calendar."""

import datetime

from django.db.models import Case, Q, QuerySet, When

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import active_role_assignments
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.choices import ReportStatus
from poolfund.reporting.models import ScheduledReport


def scheduled_reports() -> QuerySet[ScheduledReport]:
    return ScheduledReport.objects.select_related("programme", "organisation")


def reports_of(programme: JointProgramme) -> QuerySet[ScheduledReport]:
    """A programme's calendar, by due date."""
    return scheduled_reports().filter(programme=programme).order_by("due_on", "kind", "pk")


def overdue_reports(today: datetime.date | None = None) -> QuerySet[ScheduledReport]:
    return scheduled_reports().overdue(today)


def focal_point_organisation_ids(user) -> set[int]:
    return {
        assignment.organisation_id
        for assignment in active_role_assignments(user)
        if assignment.role == Role.ORGANISATION_FOCAL_POINT and assignment.organisation_id
    }


def reporting_organisation_ids(programme: JointProgramme) -> set[int]:
    """The organisations that report on a programme: those with a budget line and those the
    calendar asks a financial report from."""
    budgeted = programme.budget_lines.values_list("organisation_id", flat=True)
    asked = programme.scheduled_reports.filter(organisation__isnull=False).values_list(
        "organisation_id", flat=True
    )
    return set(budgeted) | set(asked)


def reports_of_focal_point(user) -> QuerySet[ScheduledReport]:
    """The reports a focal point enters: their organisation's financial reports and the
    narrative reports of the programmes their organisation reports on."""
    organisations = focal_point_organisation_ids(user)
    reporting_on = ScheduledReport.objects.filter(organisation_id__in=organisations).values(
        "programme_id"
    )
    return (
        scheduled_reports()
        .filter(
            Q(organisation_id__in=organisations)
            | Q(
                organisation__isnull=True,
                programme__budget_lines__organisation_id__in=organisations,
            )
            | Q(organisation__isnull=True, programme_id__in=reporting_on)
        )
        .distinct()
    )


def outstanding_reports_of_focal_point(user) -> QuerySet[ScheduledReport]:
    """What a focal point owes now: those the FMU returned for revision first (the FMU waits on
    them), then due ones, the earliest due first."""
    returned_first = Case(When(status=ReportStatus.RETURNED, then=0), default=1)
    return reports_of_focal_point(user).outstanding().order_by(returned_first, "due_on", "pk")
