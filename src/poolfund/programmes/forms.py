"""Forms for the programme cycle. Each transition form parses its input and calls its service
(`perform`); pages and the API both use them, so the rules live in the services only."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.models import User
from poolfund.allocation.models import AllocationRound
from poolfund.framework.models import GuidingPrinciple, Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country, RegionalBody
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.models import USD_DIGITS, DecimalDigits, LedgerAccount
from poolfund.programmes.choices import Marker, Recommendation
from poolfund.programmes.documents import attach_document
from poolfund.programmes.models import (
    ConceptNote,
    NationalPartner,
    ParticipatingOrganisation,
    ScoringCriterion,
)
from poolfund.programmes.services import transitions
from poolfund.programmes.services.concept_notes import (
    ConceptNoteContent,
    content_of,
    draft_concept_note,
    revise_concept_note,
)
from poolfund.programmes.services.expenditure import record_expenditure
from poolfund.programmes.services.joint_programmes import create_joint_programme
from poolfund.programmes.services.transfers import transfer_to_organisation
from poolfund.programmes.workflow import TRANSITIONS
from poolfund.web.forms import limit_choices


class MoneyFieldOptions(DecimalDigits):
    min_value: Decimal


MONEY: MoneyFieldOptions = {**USD_DIGITS, "min_value": Decimal("0")}


class ConceptNoteForm(forms.Form):
    result: ConceptNote  # what `performed` keeps of `perform`
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.all(),
        required=False,
        to_field_name="iso3",
    )
    regional_bodies = forms.ModelMultipleChoiceField(
        label=_("Regional bodies"),
        queryset=RegionalBody.objects.all(),
        required=False,
        to_field_name="code",
    )
    thematic_area = forms.ModelChoiceField(
        label=_("Thematic area"),
        queryset=ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE),
        to_field_name="number",
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("GCM objectives"),
        queryset=Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE),
        to_field_name="number",
    )
    guiding_principles = forms.ModelMultipleChoiceField(
        label=_("Guiding principles addressed"),
        queryset=GuidingPrinciple.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE),
        required=False,
    )
    national_partners = forms.ModelMultipleChoiceField(
        label=_("National partners and stakeholders"),
        queryset=NationalPartner.objects.all(),
        required=False,
    )
    requested_budget_usd = forms.DecimalField(label=_("Requested budget (USD)"), **MONEY)
    single_organisation_exception = forms.BooleanField(
        label=_("Exception to the two-organisation rule"), required=False
    )
    exception_justification = forms.CharField(
        label=_("Why the exception"), widget=forms.Textarea, required=False
    )
    duration_months = forms.IntegerField(label=_("Duration (months)"), min_value=1)
    gender_marker = forms.TypedChoiceField(
        label=_("Gender marker"), choices=Marker.choices, coerce=int
    )
    human_rights_marker = forms.TypedChoiceField(
        label=_("Human-rights marker"), choices=Marker.choices, coerce=int
    )
    child_sensitivity_marker = forms.TypedChoiceField(
        label=_("Child-sensitivity marker"), choices=Marker.choices, coerce=int
    )
    whole_of_government = forms.CharField(
        label=_("Whole-of-government approach"), widget=forms.Textarea, required=False
    )
    whole_of_society = forms.CharField(
        label=_("Whole-of-society approach"), widget=forms.Textarea, required=False
    )
    roadmap_reference = forms.CharField(
        label=_("Roadmap it came from"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = list(ParticipatingOrganisation.objects.all())
        for organisation in self.organisations:
            self.fields[self.share_field(organisation)] = forms.DecimalField(
                label=_("Share of %(organisation)s (USD)") % {"organisation": organisation},
                required=False,
                **MONEY,
            )

    @classmethod
    def initial_from(cls, note: ConceptNote) -> dict:
        """The form's initial values: the note as it stands."""
        content = content_of(note)
        initial = {
            name: getattr(content, name)
            for name in cls.base_fields
            if hasattr(content, name) and name != "budget_lines"
        }
        for organisation, amount in content.budget_lines:
            initial[cls.share_field(organisation)] = amount
        return initial

    @staticmethod
    def share_field(organisation: ParticipatingOrganisation) -> str:
        return f"share_{organisation.pk}"

    def share_fields(self):
        return [self[self.share_field(organisation)] for organisation in self.organisations]

    def content(self) -> ConceptNoteContent:
        data = self.cleaned_data
        shares = [
            (organisation, data[self.share_field(organisation)])
            for organisation in self.organisations
            if data.get(self.share_field(organisation))
        ]
        return ConceptNoteContent(
            title=data["title"],
            summary=data["summary"],
            thematic_area=data["thematic_area"],
            objectives=list(data["objectives"]),
            requested_budget_usd=data["requested_budget_usd"],
            budget_lines=shares,
            duration_months=data["duration_months"],
            gender_marker=data["gender_marker"],
            human_rights_marker=data["human_rights_marker"],
            child_sensitivity_marker=data["child_sensitivity_marker"],
            countries=list(data["countries"]),
            regional_bodies=list(data["regional_bodies"]),
            guiding_principles=list(data["guiding_principles"]),
            national_partners=list(data["national_partners"]),
            single_organisation_exception=data["single_organisation_exception"],
            exception_justification=data["exception_justification"],
            whole_of_government=data["whole_of_government"],
            whole_of_society=data["whole_of_society"],
            roadmap_reference=data["roadmap_reference"],
        )

    def perform(self, *, actor: User, note: ConceptNote | None = None) -> ConceptNote:
        """Draft a new note, or revise `note`, with what the form holds."""
        if note is None:
            return draft_concept_note(actor=actor, content=self.content())
        return revise_concept_note(actor=actor, note=note, content=self.content(), reason="revised")


class NoteActionForm(forms.Form):
    """A form of one action on a concept note: `perform` calls its service, and `performed`
    keeps what that returned as `result`."""

    result: Any

    def perform(self, *, actor: User, note: ConceptNote) -> Any:
        raise NotImplementedError


class ReasonForm(NoteActionForm):
    """Submit, return, reject, withdraw and prioritise: a reason is all they need."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, service_name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.service = getattr(transitions, service_name)
        self.fields["reason"].required = service_name != "submit_concept_note"

    def perform(self, *, actor: User, note: ConceptNote):
        return self.service(actor=actor, note=note, reason=self.cleaned_data["reason"])


class ScreenForm(NoteActionForm):
    eligible = forms.TypedChoiceField(
        label=_("Outcome"),
        choices=[("yes", _("Eligible")), ("no", _("Not eligible"))],
        coerce=lambda value: value == "yes",
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))

    def perform(self, *, actor: User, note: ConceptNote):
        return transitions.screen_concept_note(actor=actor, note=note, **self.cleaned_data)


class ScoreForm(NoteActionForm):
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(ScoringCriterion.objects.filter(is_active=True))
        for criterion in self.criteria:
            self.fields[f"points_{criterion.code}"] = forms.DecimalField(
                label=f"{criterion.name} (0 to {criterion.weight})",
                min_value=Decimal(0),
                max_value=Decimal(criterion.weight),
                decimal_places=2,
            )

    def perform(self, *, actor: User, note: ConceptNote):
        return transitions.score_concept_note(
            actor=actor,
            note=note,
            points={c: self.cleaned_data[f"points_{c.code}"] for c in self.criteria},
            recommendation=self.cleaned_data["recommendation"],
            comment=self.cleaned_data["comment"],
        )


class ApproveForm(NoteActionForm):
    allocation_round = forms.ModelChoiceField(
        label=_("Allocation round"), queryset=AllocationRound.objects.all()
    )
    amount_usd = forms.DecimalField(label=_("Approved amount (USD)"), **MONEY)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def perform(self, *, actor: User, note: ConceptNote):
        return transitions.approve_concept_note(actor=actor, note=note, **self.cleaned_data)


class JointProgrammeForm(NoteActionForm):
    code = forms.CharField(label=_("Code"), max_length=30)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))

    def perform(self, *, actor: User, note: ConceptNote):
        return create_joint_programme(actor=actor, note=note, **self.cleaned_data)


TRANSITION_FORMS: dict[str, tuple[type[NoteActionForm], str | None]] = {
    "submit": (ReasonForm, "submit_concept_note"),
    "screen": (ScreenForm, None),
    "score": (ScoreForm, None),
    "prioritise": (ReasonForm, "prioritise_concept_note"),
    "approve": (ApproveForm, None),
    "create-joint-programme": (JointProgrammeForm, None),
    "return": (ReasonForm, "return_concept_note"),
    "reject": (ReasonForm, "reject_concept_note"),
    "withdraw": (ReasonForm, "withdraw_concept_note"),
}
"""Actions by URL name; screening covers both `screen-eligible` and `screen-not-eligible`."""


def transition_form(action: str, data=None, prefix: str | None = None) -> NoteActionForm:
    form_class, service_name = TRANSITION_FORMS[action]
    if service_name:
        return ReasonForm(data, service_name=service_name, prefix=prefix)
    return form_class(data, prefix=prefix)


def action_of(transition_name: str) -> str:
    return "screen" if transition_name.startswith("screen-") else transition_name


def transition_permission(action: str) -> str:
    """The right an action's form needs, checked on the note before the form reads the input."""
    return next(t.permission for t in TRANSITIONS if action_of(t.name) == action)


class ExpenditureForm(forms.Form):
    permission = "programmes.record_expenditure"
    """Checked before the input; the service checks it again on the organisation named."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=ParticipatingOrganisation.objects.none()
    )
    period_start = forms.DateField(
        label=_("Period start"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period end"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount_usd = forms.DecimalField(label=_("Expenditure (USD)"), **MONEY)

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        limit_choices(
            self,
            "organisation",
            ParticipatingOrganisation.objects.filter(budget_lines__programme=programme),
        )

    def perform(self, *, actor: User):
        return record_expenditure(actor=actor, programme=self.programme, **self.cleaned_data)


class TransferForm(forms.Form):
    permission = "programmes.transfer_funds"

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=ParticipatingOrganisation.objects.none()
    )
    pool = forms.ModelChoiceField(label=_("From the pool"), queryset=LedgerAccount.objects.none())
    amount_usd = forms.DecimalField(label=_("Amount (USD)"), **MONEY)
    occurred_on = forms.DateField(
        label=_("Value date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    memo = forms.CharField(label=_("Memo"), max_length=300, required=False)

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        limit_choices(
            self,
            "organisation",
            ParticipatingOrganisation.objects.filter(budget_lines__programme=programme),
        )
        limit_choices(
            self,
            "pool",
            LedgerAccount.objects.filter(
                Q(thematic_area__isnull=True) | Q(thematic_area=programme.thematic_area),
                kind=AccountKind.FUND_CASH,
            ),
        )

    def perform(self, *, actor: User):
        return transfer_to_organisation(actor=actor, programme=self.programme, **self.cleaned_data)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF or DOCX)"))

    def perform(self, *, actor: User, note: ConceptNote):
        return attach_document(actor=actor, note=note, upload=self.cleaned_data["file"])
