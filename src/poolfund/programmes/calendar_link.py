"""Where the programme cycle meets the reporting calendar (`poolfund.reporting`): the hooks
this app calls, kept in one place."""

from poolfund.accounts.models import User
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.choices import ReportStatus
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.services import regenerate_calendar


def follow_new_end_date(*, actor: User | None, programme: JointProgramme) -> None:
    """Move the programme's scheduled reports to its new end date (a no-cost extension)."""
    regenerate_calendar(programme=programme, actor=actor)


def reports_not_accepted(programme: JointProgramme) -> list[str]:
    """The programme's scheduled reports that are not accepted, named with their status."""
    pending = (
        ScheduledReport.objects.filter(programme=programme)
        .exclude(status=ReportStatus.ACCEPTED)
        .select_related("programme", "organisation")
    )
    return [f"{report} ({report.get_status_display().lower()})" for report in pending]
