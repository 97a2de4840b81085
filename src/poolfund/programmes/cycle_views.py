"""Pages of a Joint Programme's later life: the forms on the programme page (budget
revisions, the Steering Committee's decision on one, no-cost extensions, closure, returns of
unspent balances) and the financial report entry page of a scheduled report."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from poolfund.accounts.policy import can, require, signed_in_user
from poolfund.programmes.cycle_forms import (
    BudgetRevisionForm,
    ExtensionForm,
    FinancialClosureForm,
    FinancialReportForm,
    OperationalClosureForm,
    ReturnForm,
    RevisionDecisionForm,
)
from poolfund.programmes.models import BudgetRevision, FinancialReport
from poolfund.programmes.views import programme_form_view, programme_page
from poolfund.reporting.models import ScheduledReport
from poolfund.web.forms import performed

programme_revision = programme_form_view(
    BudgetRevisionForm, gettext_lazy("Budget revision recorded.")
)
programme_extension = programme_form_view(
    ExtensionForm, gettext_lazy("No-cost extension recorded.")
)
programme_operational_closure = programme_form_view(
    OperationalClosureForm, gettext_lazy("Programme operationally closed.")
)
programme_return = programme_form_view(
    ReturnForm, gettext_lazy("Unspent balance returned to the Fund.")
)
programme_financial_closure = programme_form_view(
    FinancialClosureForm, gettext_lazy("Programme financially closed.")
)


@require_POST
def revision_decision(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The Steering Committee approves or rejects a revision above the threshold."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    revision = get_object_or_404(BudgetRevision, pk=pk, programme__code=code)
    require(request.user, "programmes.decide_budget_revision", revision)
    form = RevisionDecisionForm(request.POST, revision=revision)
    if not performed(form, actor=signed_in_user(request)):
        return programme_page(request, code, bound=form)
    messages.success(request, _("Decision recorded."))
    return redirect("programmes:programme", code=code)


def financial_report(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's financial report of a programme: its focal points enter and submit
    the expenditure by category while it is due or returned; readers of reports see it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = get_object_or_404(
        ScheduledReport.objects.select_related("programme", "organisation"), pk=pk
    )
    may_enter = can(request.user, "reporting.enter_report", report)
    if not may_enter:
        require(request.user, "reporting.view_reports", report)
    content = FinancialReport.objects.filter(scheduled=report).prefetch_related("lines").first()
    form = None
    if may_enter and report.is_open_for_entry:
        form = FinancialReportForm(
            request.POST if request.method == "POST" else None,
            report=report,
            initial=FinancialReportForm.initial_from(content),
        )
        if request.method == "POST" and performed(form, actor=signed_in_user(request)):
            messages.success(request, _("Financial report submitted to the FMU."))
            return redirect("programmes:financial-report", pk=report.pk)
    elif request.method == "POST":
        require(request.user, "reporting.enter_report", report)
        messages.error(request, _("This report is not open for entry."))
    return render(
        request,
        "programmes/financial_report.html",
        {"report": report, "content": content, "form": form},
    )
