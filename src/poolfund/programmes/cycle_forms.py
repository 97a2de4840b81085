"""Forms of a Joint Programme's later life: budget revisions and their Steering Committee
decision, no-cost extensions, closure and returns of unspent balances, financial reports.
Each parses its input and calls its service (`perform`); pages and the API both use them."""

from typing import TypedDict

from django import forms
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.models import User
from poolfund.accounts.policy import can
from poolfund.programmes import closure, financial_reports, revisions
from poolfund.programmes.choices import (
    BudgetRevisionState,
    ExpenditureCategory,
    JointProgrammeStatus,
)
from poolfund.programmes.forms import MONEY
from poolfund.programmes.models import BudgetRevision, JointProgramme, ParticipatingOrganisation
from poolfund.web.forms import bound_or_new


class WidgetOption(TypedDict):
    widget: forms.Widget


DATE: WidgetOption = {"widget": forms.DateInput(attrs={"type": "date"})}
REMARKS: WidgetOption = {"widget": forms.Textarea(attrs={"rows": 2})}
CATEGORY_CHOICES = [
    (revisions.UNCATEGORISED, _("Not yet by category")),
    *ExpenditureCategory.choices,
]


class ProgrammeForm(forms.Form):
    """A form acting on one programme; its organisations are those sharing the budget. Its
    `permission` is the right to act at all, checked before the input is read."""

    permission: str

    def __init__(self, *args, programme: JointProgramme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        for field in self.fields.values():
            if (
                isinstance(field, forms.ModelChoiceField)
                and field.queryset is not None
                and field.queryset.model is ParticipatingOrganisation
            ):
                field.queryset = ParticipatingOrganisation.objects.filter(
                    budget_lines__programme=programme
                )


def organisation_field(label) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label, queryset=ParticipatingOrganisation.objects.all())


class BudgetRevisionForm(ProgrammeForm):
    permission = "programmes.revise_budget"

    from_organisation = organisation_field(_("From organisation"))
    from_category = forms.ChoiceField(
        label=_("From category"), choices=CATEGORY_CHOICES, required=False
    )
    to_organisation = organisation_field(_("To organisation"))
    to_category = forms.ChoiceField(
        label=_("To category"), choices=CATEGORY_CHOICES, required=False
    )
    amount_usd = forms.DecimalField(label=_("Amount (USD)"), **MONEY)
    effective_on = forms.DateField(label=_("Effective on"), **DATE)
    reason = forms.CharField(label=_("Reason"), **REMARKS)

    def perform(self, *, actor: User) -> BudgetRevision:
        data = self.cleaned_data
        move = revisions.Move(
            from_organisation=data["from_organisation"],
            from_category=data["from_category"],
            to_organisation=data["to_organisation"],
            to_category=data["to_category"],
            amount_usd=data["amount_usd"],
        )
        return revisions.revise_budget(
            actor=actor,
            programme=self.programme,
            moves=[move],
            effective_on=data["effective_on"],
            reason=data["reason"],
        )


class RevisionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve")), ("no", _("Reject"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(label=_("Reason"), **REMARKS)

    def __init__(self, *args, revision: BudgetRevision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.revision = revision

    def perform(self, *, actor: User) -> BudgetRevision:
        return revisions.decide_budget_revision(
            actor=actor, revision=self.revision, **self.cleaned_data
        )


class ExtensionForm(ProgrammeForm):
    permission = "programmes.revise_budget"

    new_end = forms.DateField(label=_("New end date"), **DATE)
    reason = forms.CharField(label=_("Reason"), **REMARKS)
    approved_by = forms.CharField(label=_("Approved by"), max_length=200)
    approved_on = forms.DateField(label=_("Approved on"), **DATE)

    def perform(self, *, actor: User):
        return revisions.extend_programme(
            actor=actor, programme=self.programme, **self.cleaned_data
        )


class OperationalClosureForm(ProgrammeForm):
    permission = "programmes.close_programme"

    closed_on = forms.DateField(label=_("Operationally closed on"), **DATE)
    remarks = forms.CharField(label=_("Remarks"), **REMARKS)

    def perform(self, *, actor: User):
        return closure.close_operationally(
            actor=actor, programme=self.programme, **self.cleaned_data
        )


class ReturnForm(ProgrammeForm):
    permission = "programmes.close_programme"

    organisation = organisation_field(_("Organisation"))
    amount_usd = forms.DecimalField(label=_("Unspent balance returned (USD)"), **MONEY)
    occurred_on = forms.DateField(label=_("Value date"), **DATE)

    def perform(self, *, actor: User):
        return closure.return_unspent(actor=actor, programme=self.programme, **self.cleaned_data)


class FinancialClosureForm(ProgrammeForm):
    permission = "programmes.close_programme"

    closed_on = forms.DateField(label=_("Financially closed on"), **DATE)
    remarks = forms.CharField(label=_("Remarks"), **REMARKS)

    def perform(self, *, actor: User):
        return closure.close_financially(actor=actor, programme=self.programme, **self.cleaned_data)


class FinancialReportForm(forms.Form):
    """One field per UNDG category, then other sources and interest."""

    other_sources_usd = forms.DecimalField(
        label=_("Received from other sources (USD)"), initial=0, **MONEY
    )
    interest_usd = forms.DecimalField(label=_("Interest earned (USD)"), initial=0, **MONEY)

    def __init__(self, *args, report, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        categories = {
            category: forms.DecimalField(label=label, initial=0, **MONEY)
            for category, label in ExpenditureCategory.choices
        }
        self.fields = categories | self.fields

    @classmethod
    def initial_from(cls, content) -> dict:
        if content is None:
            return {}
        return {
            "other_sources_usd": content.other_sources_usd,
            "interest_usd": content.interest_usd,
        } | {line.category: line.amount_usd for line in content.lines.all()}

    def category_fields(self):
        return [self[category] for category in ExpenditureCategory.values]

    def perform(self, *, actor: User):
        data = self.cleaned_data
        return financial_reports.submit_financial_report(
            actor=actor,
            report=self.report,
            amounts={category: data[category] for category in ExpenditureCategory.values},
            other_sources_usd=data["other_sources_usd"],
            interest_usd=data["interest_usd"],
        )


def revision_rows(revision: BudgetRevision) -> list[tuple[str, str, str]]:
    """(what, before, after) for each organisation's share and each of its categories."""
    rows = []
    for acronym in sorted(set(revision.before) | set(revision.after)):
        before = revision.before.get(acronym, {"total": "0", "categories": {}})
        after = revision.after.get(acronym, {"total": "0", "categories": {}})
        rows.append((acronym, before["total"], after["total"]))
        for category in sorted(set(before["categories"]) | set(after["categories"])):
            rows.append(
                (
                    f"{acronym} · {ExpenditureCategory(category).label}",
                    before["categories"].get(category, "0"),
                    after["categories"].get(category, "0"),
                )
            )
    return rows


def cycle_section(user, programme: JointProgramme, bound: forms.Form | None = None) -> dict:
    """What the programme page shows of revisions, extensions and closure, with the forms
    the person may use (`bound`, a form just posted, in its own place)."""
    may_decide = can(user, "programmes.decide_budget_revision")
    revisions_shown = [
        (
            revision,
            revision_rows(revision),
            bound_or_new(
                RevisionDecisionForm,
                bound if getattr(bound, "revision", None) == revision else None,
                revision=revision,
            )
            if may_decide and revision.state == BudgetRevisionState.AWAITING_DECISION
            else None,
        )
        for revision in programme.budget_revisions.select_related("decision").prefetch_related(
            "moves__from_organisation", "moves__to_organisation"
        )
    ]
    forms_shown = []
    if programme.budget_lines.exists():
        if programme.status in revisions.OPEN_STATUSES and can(
            user, "programmes.revise_budget", programme
        ):
            forms_shown += [
                (
                    "programmes:programme-revision",
                    _("Record a budget revision"),
                    BudgetRevisionForm,
                ),
                ("programmes:programme-extension", _("Record a no-cost extension"), ExtensionForm),
            ]
        if can(user, "programmes.close_programme", programme):
            if programme.status in revisions.OPEN_STATUSES:
                forms_shown.append(
                    (
                        "programmes:programme-operational-closure",
                        _("Close operationally"),
                        OperationalClosureForm,
                    )
                )
            elif programme.status == JointProgrammeStatus.OPERATIONALLY_CLOSED:
                forms_shown += [
                    ("programmes:programme-return", _("Return an unspent balance"), ReturnForm),
                    (
                        "programmes:programme-financial-closure",
                        _("Close financially"),
                        FinancialClosureForm,
                    ),
                ]
    return {
        "revisions": revisions_shown,
        "extensions": programme.extensions.all(),
        "closure": getattr(programme, "closure", None),
        "returns": programme.returns.select_related("organisation", "transaction").prefetch_related(
            "transaction__entries__account"
        ),
        "cycle_forms": [
            (name, legend, bound_or_new(form_class, bound, programme=programme))
            for name, legend, form_class in forms_shown
        ],
    }
