"""Financial reports' content: the calendar's annual and final financial reports hold
expenditure by UNDG category (`poolfund.reporting.contents`)."""

from poolfund.programmes.financial_reports import accept_financial, check_financial_submittable
from poolfund.reporting.choices import FINANCIAL_KINDS
from poolfund.reporting.contents import ReportContent, register_content

register_content(
    ReportContent(
        kinds=FINANCIAL_KINDS,
        entry_url_name="programmes:financial-report",
        check_submittable=check_financial_submittable,
        accepted=accept_financial,
    )
)
