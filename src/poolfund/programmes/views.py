from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.accounts.policy import can, require, signed_in_user
from poolfund.api.tabular import csv_response
from poolfund.audit.selectors import history_of
from poolfund.framework.models import Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country, Region
from poolfund.programmes.api.serializers import ProgrammeSerializer
from poolfund.programmes.choices import ConceptNoteState, JointProgrammeStatus
from poolfund.programmes.cycle_forms import cycle_section
from poolfund.programmes.filtersets import JointProgrammeFilterSet
from poolfund.programmes.forms import (
    ConceptNoteForm,
    DocumentForm,
    ExpenditureForm,
    TransferForm,
    action_of,
    transition_form,
    transition_permission,
)
from poolfund.programmes.models import BudgetCategoryLine, JointProgramme
from poolfund.programmes.selectors import (
    budget_by_thematic_area,
    concept_notes_visible_to,
    delivery,
    programmes,
    total_budget,
    transfers_of,
)
from poolfund.programmes.workflow import EDITABLE_STATES, transitions_from
from poolfund.reporting.selectors import reports_of
from poolfund.results.selectors import framework_context
from poolfund.web.data_cache import cache_public_page
from poolfund.web.forms import bound_or_new, performed

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from poolfund.web.query import checked, given_filters

PORTFOLIO_PAGE_SIZE = 50


@cache_public_page
def portfolio(request: HttpRequest) -> HttpResponse:
    filterset = checked(JointProgrammeFilterSet(request.GET, queryset=programmes()))
    found = filterset.qs
    page = Paginator(found, PORTFOLIO_PAGE_SIZE).get_page(request.GET.get("page"))
    filters = given_filters(filterset)
    context = {
        "filters": filters,
        "page": page,
        "programmes": page.object_list,
        "total_budget": total_budget(found),
        "by_thematic_area": sorted(budget_by_thematic_area(found).items()),
        "export_query": urlencode(filters),
    }
    if request.headers.get("HX-Request"):
        response = render(request, "programmes/_portfolio_results.html", context)
        # The address bar shows the filters only, so the URL can be shared.
        response["HX-Push-Url"] = f"{request.path}?{context['export_query']}".rstrip("?")
        return response
    context |= {
        "regions": Region.objects.order_by("name"),
        "countries": Country.objects.filter(
            pk__in=JointProgramme.countries.through.objects.values("country")
        ),
        "thematic_areas": ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE),
        "objectives": Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE),
        "statuses": JointProgrammeStatus.choices,
    }
    return render(request, "programmes/portfolio.html", context)


def csv_cell(value) -> str:
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return "" if value is None else str(value)


@cache_public_page
def portfolio_csv(request: HttpRequest) -> HttpResponseBase:
    """The filtered portfolio, with the same fields as the API."""
    found = checked(JointProgrammeFilterSet(request.GET, queryset=programmes())).qs
    return csv_response(
        "programmes.csv",
        ProgrammeSerializer.Meta.fields,
        (
            [csv_cell(item[column]) for column in ProgrammeSerializer.Meta.fields]
            for item in ProgrammeSerializer(found, many=True).data
        ),
    )


@cache_public_page
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    return programme_page(request, code)


def programme_page(request: HttpRequest, code: str, bound: Form | None = None) -> HttpResponse:
    """A Joint Programme's page, with the forms the person may use (`bound`, a form just
    posted that failed, in its place with its errors)."""
    programme = get_object_or_404(
        programmes().prefetch_related("budget_lines__organisation"), code=code
    )
    may_transfer = programme.budget_lines.exists() and can(
        request.user, "programmes.transfer_funds", programme
    )
    may_record_expenditure = programme.budget_lines.exists() and can(
        request.user, "programmes.record_expenditure"
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "budget_lines": programme.budget_lines.all(),
            "delivery": delivery(programme),
            **framework_context(request.user, programme),
            "reports": (reports := list(reports_of(programme))),
            "overdue_count": sum(report.is_overdue() for report in reports),
            "history": history_of(programme) if can(request.user, "audit.view_history") else None,
            "transfers": transfers_of(programme),
            "transfer_form": bound_or_new(TransferForm, bound, programme=programme)
            if may_transfer
            else None,
            "expenditure_form": bound_or_new(ExpenditureForm, bound, programme=programme)
            if may_record_expenditure
            else None,
            "category_lines": BudgetCategoryLine.objects.filter(
                budget_line__programme=programme
            ).select_related("budget_line__organisation"),
        }
        | cycle_section(request.user, programme, bound),
    )


def programme_form_view(form_class, success_message: "StrOrPromise"):
    """A POST-only page action on a programme: check the form's right (before reading the
    input; the service checks it again on the records the input names), parse the form, call
    its service, go back; refused, the programme page shows the form with its errors."""

    @require_POST
    def view(request: HttpRequest, code: str) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        programme = get_object_or_404(JointProgramme, code=code)
        require(request.user, form_class.permission)
        form = form_class(request.POST, programme=programme)
        if not performed(form, actor=signed_in_user(request)):
            return programme_page(request, programme.code, bound=form)
        messages.success(request, success_message)
        return redirect("programmes:programme", code=programme.code)

    return view


programme_expenditure = programme_form_view(ExpenditureForm, _("Expenditure recorded."))
programme_transfer = programme_form_view(TransferForm, _("Transfer posted to the ledger."))


@permission_required("programmes.view_pipeline")
def pipeline(request: HttpRequest) -> HttpResponseBase:
    notes = concept_notes_visible_to(request.user).order_by("thematic_area__number", "reference")
    if request.GET.get("format") == "csv":
        return csv_response(
            "concept-notes.csv",
            ["reference", "title", "state", "thematic_area", "countries", "requested_budget_usd"],
            (
                [
                    note.reference,
                    note.title,
                    note.state,
                    note.thematic_area.number,
                    " ".join(country.iso3 for country in note.countries.all()),
                    note.requested_budget_usd,
                ]
                for note in notes
            ),
        )
    columns = [
        (state, label, [note for note in notes if note.state == state])
        for state, label in ConceptNoteState.choices
    ]
    return render(
        request,
        "programmes/pipeline.html",
        {"columns": columns, "may_draft": can(request.user, "programmes.draft_concept_note")},
    )


@permission_required("programmes.draft_concept_note")
def concept_note_new(request: HttpRequest) -> HttpResponse:
    form = ConceptNoteForm(request.POST or None)
    if request.method == "POST" and performed(form, actor=signed_in_user(request)):
        note = form.result
        messages.success(request, f"Concept note {note.reference} drafted.")
        return redirect("programmes:concept-note", reference=note.reference)
    return render(request, "programmes/concept_note_form.html", {"form": form})


@permission_required("programmes.revise_concept_note")
def concept_note_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Change a draft, or a note returned for revision, before (re)submitting it."""
    note = visible_note(request, reference)
    require(request.user, "programmes.revise_concept_note", note)
    form = ConceptNoteForm(request.POST or None, initial=ConceptNoteForm.initial_from(note))
    if request.method == "POST" and performed(form, actor=signed_in_user(request), note=note):
        messages.success(request, f"Concept note {note.reference} saved.")
        return redirect("programmes:concept-note", reference=note.reference)
    return render(request, "programmes/concept_note_form.html", {"form": form, "note": note})


def visible_note(request: HttpRequest, reference: str):
    return get_object_or_404(concept_notes_visible_to(request.user), reference=reference)


def concept_note_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """Published notes are open to all; a visitor asking for any other is asked to sign in
    (whether the note exists or not, so its existence stays private)."""
    if not request.user.is_authenticated and not (
        concept_notes_visible_to(request.user).filter(reference=reference).exists()
    ):
        return redirect_to_login(request.get_full_path())
    return concept_note_page(request, reference)


def concept_note_page(request: HttpRequest, reference: str, bound: Form | None = None):
    """A concept note's page with the actions the person may take (`bound`, an action's form
    just posted that failed, in its place with its errors)."""
    note = visible_note(request, reference)
    actions: list[tuple[str, Form]] = []
    for transition in transitions_from(note.state):
        action = action_of(transition.name)
        if can(request.user, transition.permission, note) and action not in dict(actions):
            fresh = transition_form(action, prefix=action)
            actions.append((action, bound if type(bound) is type(fresh) else fresh))
    return render(
        request,
        "programmes/concept_note_detail.html",
        {
            "note": note,
            "actions": actions,
            "document_form": bound_or_new(DocumentForm, bound)
            if note.state in EDITABLE_STATES
            and can(request.user, "programmes.revise_concept_note", note)
            else None,
            "history": history_of(note) if can(request.user, "audit.view_history") else None,
        },
    )


@require_POST
def concept_note_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    note = visible_note(request, reference)
    try:
        form = transition_form(action, request.POST, prefix=action)
    except KeyError:
        raise Http404(f"No action called {action!r}.") from None
    require(request.user, transition_permission(action), note)
    if not performed(form, actor=signed_in_user(request), note=note):
        return concept_note_page(request, reference, bound=form)
    if isinstance(form.result, JointProgramme):
        messages.success(
            request, _("Joint Programme %(code)s created.") % {"code": form.result.code}
        )
        return redirect("programmes:programme", code=form.result.code)
    messages.success(request, _("Done."))
    return redirect("programmes:concept-note", reference=note.reference)


@require_POST
@permission_required("programmes.revise_concept_note")
def concept_note_document(request: HttpRequest, reference: str) -> HttpResponse:
    note = visible_note(request, reference)
    form = DocumentForm(request.POST, request.FILES)
    if not performed(form, actor=signed_in_user(request), note=note):
        return concept_note_page(request, reference, bound=form)
    messages.success(request, _("Document attached."))
    return redirect("programmes:concept-note", reference=note.reference)
