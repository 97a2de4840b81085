"""The reporting pages: the list of reports with filters, a report's page with its content,
review and calendar forms, and the POST actions, which call the same services as the API."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.accounts.policy import can, require
from poolfund.reporting import services
from poolfund.reporting.contents import content_of
from poolfund.reporting.filtersets import ScheduledReportFilterSet
from poolfund.reporting.forms import (
    STEP_FORMS,
    AttachmentForm,
    CommentForm,
    MoveForm,
    ReasonForm,
    SubmitForm,
)
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.selectors import reports_of_focal_point, scheduled_reports
from poolfund.web.forms import bound_or_new, performed
from poolfund.web.query import checked

DONE = {
    "submit": _("Report submitted to the Fund Management Unit."),
    "return": _("Report returned for revision."),
    "accept": _("Report accepted."),
    "revise": _("A new revision of the report is open."),
    "move-due-date": _("Due date moved."),
}
ATTACHED = _("Document attached.")


@permission_required("reporting.view_reports")
def report_list(request: HttpRequest) -> HttpResponse:
    """Every programme's reports, filtered; `?mine=1` keeps those a focal point reports."""
    mine = request.GET.get("mine") == "1"
    reports = reports_of_focal_point(request.user) if mine else scheduled_reports()
    filters = checked(
        ScheduledReportFilterSet(request.GET, queryset=reports.order_by("due_on", "pk"))
    )
    return render(
        request,
        "reporting/report_list.html",
        {"filters": filters, "reports": filters.qs[:500], "mine": mine},
    )


@permission_required("reporting.view_reports")
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return report_page(request, pk)


def report_page(request: HttpRequest, pk: int, bound: Form | None = None) -> HttpResponse:
    """A report's page with the forms the person may use (`bound`, a form just posted that
    failed, in its place with its errors)."""
    report = get_object_or_404(
        scheduled_reports().prefetch_related("events__actor", "moves__moved_by", "attachments"),
        pk=pk,
    )
    user = request.user
    content = content_of(report.kind)
    may_enter = report.is_open_for_entry and can(user, "reporting.enter_report", report)
    may_review = report.status == "submitted" and can(user, "reporting.review_report", report)
    may_move = report.status != "accepted" and can(user, "reporting.manage_calendar", report)
    may_revise = report.status == "accepted" and can(
        user, "reporting.revise_accepted_report", report
    )
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "panel": content.panel(request, report, bound) if content else "",
            "submit_form": bound_or_new(SubmitForm, bound) if may_enter else None,
            "attachment_form": bound_or_new(AttachmentForm, bound) if may_enter else None,
            "review_form": bound_or_new(CommentForm, bound) if may_review else None,
            "move_form": bound_or_new(MoveForm, bound) if may_move else None,
            "revise_form": bound_or_new(ReasonForm, bound) if may_revise else None,
        },
    )


@require_POST
def report_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Submit, return, accept, revise or move the due date; the right first, then the input."""
    if step not in services.STEPS:
        raise Http404("No such step.")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = get_object_or_404(ScheduledReport.objects.select_related("programme"), pk=pk)
    require(request.user, services.STEPS[step].permission, report)
    form = STEP_FORMS[step](request.POST)
    if not performed(form, services.STEPS[step].perform, actor=request.user, report=report):
        return report_page(request, report.pk, bound=form)
    messages.success(request, str(DONE[step]))
    return redirect("reporting:report", pk=report.pk)


@require_POST
def report_attach(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = get_object_or_404(ScheduledReport.objects.select_related("programme"), pk=pk)
    require(request.user, "reporting.enter_report", report)
    form = AttachmentForm(request.POST, request.FILES)
    if not performed(form, actor=request.user, report=report):
        return report_page(request, report.pk, bound=form)
    messages.success(request, str(ATTACHED))
    return redirect("reporting:report", pk=report.pk)
