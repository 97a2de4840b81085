"""Results pages: the framework edited on the programme page (htmx forms swapping the results
section) and the progress report's panel and entry on the report's page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from poolfund.accounts.policy import can, require
from poolfund.errors import DomainError
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.views import report_page
from poolfund.results import services
from poolfund.results.forms import (
    IndicatorForm,
    OutcomeForm,
    OutputForm,
    ProgressForm,
    on_form,
)
from poolfund.results.models import Indicator, Outcome, Output
from poolfund.results.selectors import framework_context, open_or_latest_revision, value_entries
from poolfund.web.forms import performed, show_domain_error


def render_framework(request: HttpRequest, programme: JointProgramme) -> HttpResponse:
    return render(request, "results/_framework.html", framework_context(request.user, programme))


KINDS = {
    "outcome": (Outcome, "programme", lambda programme, **kw: OutcomeForm(**kw)),
    "output": (
        Output,
        "outcome__programme",
        lambda programme, **kw: OutputForm(programme=programme, **kw),
    ),
    "indicator": (
        Indicator,
        "output__outcome__programme",
        lambda programme, **kw: IndicatorForm(programme=programme, **kw),
    ),
}


def initial_of(kind: str, record) -> dict:
    if kind == "indicator":
        return {"indicator": record}
    initial = {"code": record.code, "statement": record.statement}
    if kind == "output":
        initial["outcome"] = record.outcome_id
    return {"initial": initial}


def save(kind: str, form, record, *, actor, programme):
    data = form.cleaned_data
    if kind == "outcome":
        if record is None:
            return services.define_outcome(actor=actor, programme=programme, **data)
        return services.change_outcome(actor=actor, outcome=record, **data)
    if kind == "output":
        fields = {"code": data["code"], "statement": data["statement"]}
        if record is None:
            return services.define_output(actor=actor, outcome=data["outcome"], **fields)
        return services.change_output(actor=actor, output=record, **fields)
    fields = form.service_fields()
    if record is None:
        return services.define_indicator(actor=actor, output=data["output"], **fields)
    return services.change_indicator(actor=actor, indicator=record, **fields)


def framework_form(request: HttpRequest, code: str, kind: str, pk: int | None = None):
    """GET: the form to add (or change) an outcome, output or indicator, for htmx to place in
    the results section. POST: save it through its service; the section again on success,
    the form with the error at the field otherwise."""
    if kind not in KINDS:
        raise Http404("No such part of a results framework.")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    programme = get_object_or_404(JointProgramme, code=code)
    require(request.user, "programmes.report_results", programme)
    model, programme_path, make_form = KINDS[kind]
    record = None
    if pk is not None:
        record = get_object_or_404(model, pk=pk, **{programme_path: programme})
    extra = initial_of(kind, record) if record else {}
    if request.method == "POST":
        form = make_form(programme, data=request.POST, **extra)
        if form.is_valid():
            try:
                save(kind, form, record, actor=request.user, programme=programme)
            except DomainError as error:
                show_domain_error(form, on_form(error))
            else:
                if request.headers.get("HX-Request"):
                    return render_framework(request, programme)
                messages.success(request, str(_("Results framework saved.")))
                return redirect("programmes:programme", code=programme.code)
    else:
        form = make_form(programme, **extra)
    return render(
        request,
        "results/_framework_form.html",
        {"form": form, "kind": kind, "record": record, "programme": programme},
    )


def indicators_of(report: ScheduledReport) -> list[Indicator]:
    return list(
        Indicator.objects.filter(output__outcome__programme=report.programme).order_by(
            "output__outcome__code", "output__code", "code"
        )
    )


def progress_panel(request: HttpRequest, report: ScheduledReport, bound: Form | None = None) -> str:
    """The report page's content panel: the entry form while the report is open to someone
    who may enter it, else the narrative and values as entered; the form just posted, with
    its errors, when it was refused (even by a report no longer open)."""
    revision = open_or_latest_revision(report)
    entries = value_entries(revision)
    indicators = indicators_of(report)
    user = request.user
    form = bound if isinstance(bound, ProgressForm) else None
    if form is None and report.is_open_for_entry and can(user, "reporting.enter_report", report):
        form = ProgressForm(
            indicators=indicators,
            entries=entries,
            initial={"narrative": revision.narrative if revision else ""},
        )
    return render_to_string(
        "results/_progress_panel.html",
        {
            "report": report,
            "revision": revision,
            "form": form,
            "rows": [(indicator, entries.get(indicator.pk)) for indicator in indicators],
        },
        request=request,
    )


@require_POST
def progress_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the narrative and values; refused, the report's page again with the form as
    posted and the errors at its fields."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = get_object_or_404(ScheduledReport.objects.select_related("programme"), pk=pk)
    require(request.user, "reporting.enter_report", report)
    form = ProgressForm(request.POST, indicators=indicators_of(report), entries={})
    if not performed(form, actor=request.user, report=report):
        return report_page(request, report.pk, bound=form)
    messages.success(request, str(_("Progress report saved.")))
    return redirect("reporting:report", pk=report.pk)
