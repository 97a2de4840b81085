"""Who does what in the reporting year: the programme's organisations enter and submit their
reports, the FMU reviews them and moves due dates."""

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission
from poolfund.programmes.permissions import speaks_for_organisation

READERS = (
    Role.FMU,
    Role.STEERING_COMMITTEE,
    Role.ORGANISATION_FOCAL_POINT,
    Role.DONOR_FOCAL_POINT,
)


def reports_for(user, report) -> bool:
    """A focal point of the report's organisation (financial reports) or of any of the
    programme's participating organisations (the programme's narrative reports)."""
    if report.organisation_id is not None:
        return speaks_for_organisation(user, report.organisation_id)
    return any(
        speaks_for_organisation(user, line.organisation_id)
        for line in report.programme.budget_lines.all()
    )


@permission(
    "reporting.enter_report",
    "enter and submit a report of a Joint Programme (focal points of its organisations; "
    "financial reports only their own organisation's)",
    roles=(Role.ORGANISATION_FOCAL_POINT,),
)
def enter_report(user, report=None) -> bool:
    if report is None:
        return holds_role(user, Role.ORGANISATION_FOCAL_POINT)
    return reports_for(user, report)


@permission(
    "reporting.review_report",
    "return a submitted report for revision or accept it",
    roles=(Role.FMU,),
)
def review_report(user, report=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "reporting.revise_accepted_report",
    "open a new revision of an accepted report (the FMU, or the focal points who report it)",
    roles=(Role.FMU, Role.ORGANISATION_FOCAL_POINT),
)
def revise_accepted_report(user, report=None) -> bool:
    if holds_role(user, Role.FMU):
        return True
    return enter_report(user, report)


@permission(
    "reporting.manage_calendar",
    "move a report's due date or regenerate a programme's reporting calendar",
    roles=(Role.FMU,),
)
def manage_calendar(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "reporting.view_reports",
    "see the reporting calendar of every Joint Programme and its reports' review",
    roles=READERS,
)
def view_reports(user, obj=None) -> bool:
    return any(holds_role(user, role) for role in READERS)
