"""Financial reports' content: the calendar's annual and final financial reports hold
expenditure by UNDG category (`poolfund.reporting.contents`)."""

from django.forms import Form
from django.http import HttpRequest
from django.template.loader import render_to_string

from poolfund.accounts.policy import can
from poolfund.programmes.financial_reports import accept_financial, check_financial_submittable
from poolfund.programmes.models import FinancialReport
from poolfund.reporting.choices import FINANCIAL_KINDS
from poolfund.reporting.contents import ReportContent, register_content
from poolfund.reporting.models import ScheduledReport


def financial_panel(request: HttpRequest, report: ScheduledReport, bound: Form | None) -> str:
    """The report page's content panel: the expenditure as entered, and the way to the entry
    page for those who may enter it while the report is open."""
    return render_to_string(
        "programmes/_financial_panel.html",
        {
            "report": report,
            "content": FinancialReport.objects.filter(scheduled=report)
            .prefetch_related("lines")
            .first(),
            "may_enter": report.is_open_for_entry
            and can(request.user, "reporting.enter_report", report),
        },
        request=request,
    )


register_content(
    ReportContent(
        kinds=FINANCIAL_KINDS,
        check_submittable=check_financial_submittable,
        accepted=accept_financial,
        panel=financial_panel,
    )
)
