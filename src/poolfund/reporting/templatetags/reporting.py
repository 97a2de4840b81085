from django import template

from poolfund.accounts.policy import can
from poolfund.reporting.selectors import outstanding_reports_of_focal_point, scheduled_reports

register = template.Library()
SHOWN = 10


@register.inclusion_tag("reporting/_home_panel.html")
def reporting_panel(user) -> dict:
    """On the home page: the reports a focal point's organisation owes (each one click away),
    and for the FMU the reports waiting for review and those overdue."""
    if not getattr(user, "is_authenticated", False):
        return {}
    outstanding = outstanding_reports_of_focal_point(user)
    owed = list(outstanding[:SHOWN])
    reviewer = can(user, "reporting.review_report")
    return {
        "owed": owed,
        "owed_count": len(owed) if len(owed) < SHOWN else outstanding.count(),
        "reviewer": reviewer,
        "waiting": scheduled_reports().filter(status="submitted").count() if reviewer else 0,
        "overdue": scheduled_reports().overdue().count() if reviewer else 0,
    }
