"""Reads of the reporting calendar."""

import datetime

from django.db.models import Q, QuerySet

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import active_role_assignments
from poolfund.programmes.models import JointProgramme
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


def reports_of_focal_point(user) -> QuerySet[ScheduledReport]:
    """The reports a focal point enters: their organisation's financial reports and the
    narrative reports of the programmes their organisation takes part in."""
    organisations = focal_point_organisation_ids(user)
    return (
        scheduled_reports()
        .filter(
            Q(organisation_id__in=organisations)
            | Q(
                organisation__isnull=True,
                programme__budget_lines__organisation_id__in=organisations,
            )
        )
        .distinct()
    )


def outstanding_reports_of_focal_point(user) -> QuerySet[ScheduledReport]:
    """What a focal point owes now: due or returned, the earliest due first."""
    return reports_of_focal_point(user).outstanding().order_by("due_on", "pk")
