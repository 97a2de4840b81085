"""The reporting pages: the list of reports with filters, a report's page with its content,
review and calendar forms, and the POST actions, which call the same services as the API."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.accounts.policy import can, require
from poolfund.errors import DomainError
from poolfund.programmes.views import form_errors
from poolfund.reporting import services
from poolfund.reporting.contents import content_of
from poolfund.reporting.filtersets import ScheduledReportFilterSet
from poolfund.reporting.forms import STEP_FORMS, AttachmentForm, CommentForm, MoveForm, ReasonForm
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.selectors import reports_of_focal_point, scheduled_reports

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
    filters = ScheduledReportFilterSet(request.GET, queryset=reports.order_by("due_on", "pk"))
    return render(
        request,
        "reporting/report_list.html",
        {"filters": filters, "reports": filters.qs[:500], "mine": mine},
    )


@permission_required("reporting.view_reports")
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        scheduled_reports().prefetch_related("events__actor", "moves__moved_by", "attachments"),
        pk=pk,
    )
    user = request.user
    content = content_of(report.kind)
    may_enter = report.is_open_for_entry and can(user, "reporting.enter_report", report)
    may_review = report.status == "submitted" and can(user, "reporting.review_report", report)
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "panel": content.panel(request, report) if content else "",
            "may_enter": may_enter,
            "attachment_form": AttachmentForm() if may_enter else None,
            "review_form": CommentForm() if may_review else None,
            "move_form": MoveForm()
            if report.status != "accepted" and can(user, "reporting.manage_calendar", report)
            else None,
            "revise_form": ReasonForm()
            if report.status == "accepted" and can(user, "reporting.revise_accepted_report", report)
            else None,
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
    form_class = STEP_FORMS[step]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("reporting:report", pk=report.pk)
    try:
        services.STEPS[step].perform(
            actor=request.user, report=report, **(form.cleaned_data if form else {})
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(DONE[step]))
    return redirect("reporting:report", pk=report.pk)


@require_POST
def report_attach(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = get_object_or_404(ScheduledReport.objects.select_related("programme"), pk=pk)
    require(request.user, "reporting.enter_report", report)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("reporting:report", pk=report.pk)
    try:
        services.attach_report_document(
            actor=request.user, report=report, upload=form.cleaned_data["file"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(ATTACHED))
    return redirect("reporting:report", pk=report.pk)
