"""The programme cycle: concept notes and their review, Steering Committee decisions, and the
Joint Programmes they become, with budgets by participating UN organisation and expenditure."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from poolfund.ledger.models import USD_DIGITS
from poolfund.programmes.choices import (
    REVISION_DECISIONS,
    BudgetRevisionState,
    ConceptNoteState,
    DecisionKind,
    ExpenditureCategory,
    JointProgrammeStatus,
    Marker,
    PartnerKind,
    Recommendation,
    ScreeningOutcome,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

USD = "USD"


def money_field(verbose_name: "StrOrPromise", **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, **USD_DIGITS, **kwargs)


class ParticipatingOrganisation(models.Model):
    """A member of the UN Network on Migration that may receive transfers from the Fund."""

    acronym = models.CharField(_("acronym"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("participating UN organisation")
        verbose_name_plural = _("participating UN organisations")

    def __str__(self) -> str:
        return self.acronym


class NationalPartner(models.Model):
    """A government body, local authority or stakeholder a programme works with."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("national partner or stakeholder")
        verbose_name_plural = _("national partners and stakeholders")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="partner_unique_in_country")
        ]

    def __str__(self) -> str:
        return self.name


class Geography(models.Model):
    """Countries and regional bodies covered; shared by concept notes and Joint Programmes."""

    countries = models.ManyToManyField("geo.Country", related_name="+", blank=True)
    regional_bodies = models.ManyToManyField("geo.RegionalBody", related_name="+", blank=True)
    thematic_area = models.ForeignKey(
        "framework.ThematicArea", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def place_names(self) -> str:
        names = [body.acronym for body in self.regional_bodies.all()]
        if not names:
            names = [country.localized_name for country in self.countries.all()]
        return ", ".join(names)


class ConceptNote(Geography):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    objectives = models.ManyToManyField("framework.Objective", related_name="concept_notes")
    guiding_principles = models.ManyToManyField(
        "framework.GuidingPrinciple", related_name="+", blank=True
    )
    requested_budget_usd = money_field(_("requested budget (USD)"))
    single_organisation_exception = models.BooleanField(
        _("exception to the two-organisation rule"), default=False
    )
    exception_justification = models.TextField(_("why the exception"), blank=True)
    national_partners = models.ManyToManyField(NationalPartner, related_name="+", blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    gender_marker = models.PositiveSmallIntegerField(_("gender marker"), choices=Marker.choices)
    human_rights_marker = models.PositiveSmallIntegerField(
        _("human-rights marker"), choices=Marker.choices
    )
    child_sensitivity_marker = models.PositiveSmallIntegerField(
        _("child-sensitivity marker"), choices=Marker.choices
    )
    whole_of_government = models.TextField(_("whole-of-government approach"), blank=True)
    whole_of_society = models.TextField(_("whole-of-society approach"), blank=True)
    roadmap_reference = models.CharField(
        _("roadmap it came from"), max_length=200, blank=True, help_text=_("Champion roadmap.")
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ConceptNoteState.choices,
        default=ConceptNoteState.DRAFT,
        db_index=True,
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("concept note")
        verbose_name_plural = _("concept notes")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def organisations(self) -> list[ParticipatingOrganisation]:
        return [line.organisation for line in self.budget_lines.all()]


class ConceptNoteBudgetLine(models.Model):
    """The part of the requested budget one participating UN organisation would implement."""

    concept_note = models.ForeignKey(
        ConceptNote, on_delete=models.CASCADE, related_name="budget_lines"
    )
    organisation = models.ForeignKey(
        ParticipatingOrganisation, on_delete=models.PROTECT, related_name="+"
    )
    amount_usd = money_field(_("amount (USD)"), validators=[MinValueValidator(Decimal("0.01"))])

    class Meta:
        ordering = ["organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept_note", "organisation"], name="one_budget_line_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: USD {self.amount_usd:,.2f}"


class ConceptNoteDocument(models.Model):
    concept_note = models.ForeignKey(
        ConceptNote, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to="concept-notes/%Y/")
    original_name = models.CharField(_("original name"), max_length=255)
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class Screening(models.Model):
    """The FMU's eligibility check of a submitted concept note, with its reasons."""

    concept_note = models.ForeignKey(
        ConceptNote, on_delete=models.CASCADE, related_name="screenings"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=ScreeningOutcome.choices)
    reasons = models.TextField(_("reasons"))
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    screened_at = models.DateTimeField(_("screened at"), auto_now_add=True)

    class Meta:
        ordering = ["-screened_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.screened_by})"


class ScoringCriterion(models.Model):
    """A scorecard category fixed before the review, with its weight (CBPF practice)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    weight = models.PositiveSmallIntegerField(_("weight (points)"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["-weight", "code"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class Review(models.Model):
    """One reviewer's scorecard and recommendation; scores and recommendation stay apart from
    the Steering Committee's decision."""

    concept_note = models.ForeignKey(ConceptNote, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    comment = models.TextField(_("comment"))
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        ordering = ["reviewed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept_note", "reviewer"], name="one_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"Review of {self.concept_note.reference} by {self.reviewer}"

    @property
    def total(self) -> Decimal:
        return sum((score.points for score in self.scores.all()), Decimal("0"))


class Score(models.Model):
    """Points awarded on one criterion, from 0 to the criterion's weight."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.points}"


class SteeringCommitteeDecision(models.Model):
    """A decision of the Steering Committee on a concept note, or on a budget revision above
    the threshold (then `concept_note` is empty and the revision points here); every decision
    keeps its reason."""

    concept_note = models.ForeignKey(
        ConceptNote, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    reason = models.TextField(_("reason"))
    allocation_round = models.ForeignKey(
        "allocation.AllocationRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    amount_usd = money_field(_("approved amount (USD)"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=DecisionKind.APPROVE)
                | Q(allocation_round__isnull=False, amount_usd__gt=0),
                name="approval_has_round_and_amount",
                violation_error_message=_("An approval names its round and a positive amount."),
            ),
            models.CheckConstraint(
                condition=Q(concept_note__isnull=False) | Q(kind__in=REVISION_DECISIONS),
                name="decision_is_on_a_note_or_a_revision",
                violation_error_message=_(
                    "A decision is on a concept note, or on a budget revision."
                ),
            ),
        ]

    def __str__(self) -> str:
        subject = self.concept_note.reference if self.concept_note else _("budget revision")
        return f"{self.get_kind_display()}: {subject}"


class JointProgramme(Geography):
    code = models.CharField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    concept_note = models.OneToOneField(
        ConceptNote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_programme",
    )
    objectives = models.ManyToManyField(
        "framework.Objective", through="ProgrammeObjective", related_name="joint_programmes"
    )
    budget_usd = money_field(_("approved budget (USD)"))
    indirect_cost_rate = models.DecimalField(
        _("indirect cost rate"), max_digits=5, decimal_places=4, default=Decimal("0.07")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=JointProgrammeStatus.choices,
        default=JointProgrammeStatus.ACTIVE,
        db_index=True,
    )
    not_stated_in_source = models.JSONField(
        _("not stated in source"),
        default=list,
        blank=True,
        help_text=_("Fields whose value the source document does not give."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("Joint Programme")
        verbose_name_plural = _("Joint Programmes")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def is_stated(self, field_name: str) -> bool:
        return field_name not in self.not_stated_in_source


class ProgrammeObjective(models.Model):
    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE)
    objective = models.ForeignKey("framework.Objective", on_delete=models.PROTECT)
    is_suggested = models.BooleanField(
        _("suggested"),
        default=False,
        help_text=_("Suggested from the description; the source does not state it."),
    )

    class Meta:
        ordering = ["objective__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "objective"], name="programme_objective_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.code}: objective {self.objective.number}"


class ProgrammeBudgetLine(models.Model):
    """What one participating organisation implements: its approved amount, of which the
    indirect cost (the programme's rate on direct costs) is shown separately."""

    programme = models.ForeignKey(
        JointProgramme, on_delete=models.CASCADE, related_name="budget_lines"
    )
    organisation = models.ForeignKey(
        ParticipatingOrganisation, on_delete=models.PROTECT, related_name="budget_lines"
    )
    direct_cost_usd = money_field(_("direct cost (USD)"))
    indirect_cost_usd = money_field(_("indirect cost (USD)"))

    class Meta:
        ordering = ["organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="programme_budget_line_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.organisation}"

    @property
    def total_usd(self) -> Decimal:
        return self.direct_cost_usd + self.indirect_cost_usd


class ExpenditureReport(models.Model):
    """Expenditure an organisation reports for a programme over a period."""

    programme = models.ForeignKey(
        JointProgramme, on_delete=models.PROTECT, related_name="expenditure_reports"
    )
    organisation = models.ForeignKey(
        ParticipatingOrganisation, on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    amount_usd = money_field(_("expenditure (USD)"), validators=[MinValueValidator(Decimal(0))])
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["period_end", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "period_end"],
                name="one_expenditure_report_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="expenditure_period_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.organisation} to {self.period_end}"


class ProgrammeTransfer(models.Model):
    """Ties a ledger transfer from the Fund to an organisation to the programme it is for."""

    programme = models.ForeignKey(
        JointProgramme, on_delete=models.PROTECT, related_name="transfers"
    )
    organisation = models.ForeignKey(
        ParticipatingOrganisation, on_delete=models.PROTECT, related_name="+"
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction", on_delete=models.PROTECT, related_name="programme_transfer"
    )

    class Meta:
        ordering = ["transaction__occurred_on", "pk"]
        verbose_name = _("programme transfer")
        verbose_name_plural = _("programme transfers")

    def __str__(self) -> str:
        return f"{self.programme.code} → {self.organisation}: {self.transaction}"


class BudgetCategoryLine(models.Model):
    """The part of an organisation's share planned for one UNDG expenditure category. An
    organisation's share need not be split: what is not is "not yet by category"."""

    budget_line = models.ForeignKey(
        ProgrammeBudgetLine, on_delete=models.CASCADE, related_name="category_lines"
    )
    category = models.CharField(_("category"), max_length=30, choices=ExpenditureCategory.choices)
    amount_usd = money_field(_("amount (USD)"), validators=[MinValueValidator(Decimal(0))])

    class Meta:
        ordering = ["budget_line", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_line", "category"], name="budget_category_line_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.budget_line} {self.get_category_display()}"


class BudgetRevision(models.Model):
    """A dated change of how a programme's budget is shared: money moved between organisations
    or expenditure categories, the total unchanged. `before` and `after` hold the whole split
    ({acronym: {"total": "…", "categories": {category: "…"}}}). Moves above the threshold's
    share of the budget wait for a Steering Committee decision before they apply."""

    programme = models.ForeignKey(
        JointProgramme, on_delete=models.PROTECT, related_name="budget_revisions"
    )
    effective_on = models.DateField(_("effective on"))
    reason = models.TextField(_("reason"))
    moved_usd = money_field(_("money moved (USD)"))
    threshold = models.DecimalField(
        _("threshold (share of the budget)"), max_digits=5, decimal_places=4
    )
    state = models.CharField(
        _("state"), max_length=20, choices=BudgetRevisionState.choices, db_index=True
    )
    before = models.JSONField(_("budget before"))
    after = models.JSONField(_("budget after"))
    decision = models.OneToOneField(
        SteeringCommitteeDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_revision",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "pk"]
        verbose_name = _("budget revision")
        verbose_name_plural = _("budget revisions")

    def __str__(self) -> str:
        return f"{self.programme.code} budget revision of {self.effective_on}"


class BudgetMove(models.Model):
    """One movement of a revision: an amount from one organisation's category (or the part
    of its share not yet by category, an empty category) to another's."""

    revision = models.ForeignKey(BudgetRevision, on_delete=models.CASCADE, related_name="moves")
    from_organisation = models.ForeignKey(
        ParticipatingOrganisation, on_delete=models.PROTECT, related_name="+"
    )
    from_category = models.CharField(
        _("from category"), max_length=30, choices=ExpenditureCategory.choices, blank=True
    )
    to_organisation = models.ForeignKey(
        ParticipatingOrganisation, on_delete=models.PROTECT, related_name="+"
    )
    to_category = models.CharField(
        _("to category"), max_length=30, choices=ExpenditureCategory.choices, blank=True
    )
    amount_usd = money_field(_("amount (USD)"), validators=[MinValueValidator(Decimal("0.01"))])

    class Meta:
        ordering = ["revision", "pk"]

    def __str__(self) -> str:
        return f"{self.from_organisation} → {self.to_organisation}: USD {self.amount_usd:,.2f}"


class NoCostExtension(models.Model):
    """A later end date for a programme, with no money added: who approved it and why."""

    programme = models.ForeignKey(
        JointProgramme, on_delete=models.PROTECT, related_name="extensions"
    )
    previous_end = models.DateField(_("end date before"))
    new_end = models.DateField(_("new end date"))
    reason = models.TextField(_("reason"))
    approved_by = models.CharField(
        _("approved by"), max_length=200, help_text=_("The person or body that approved it.")
    )
    approved_on = models.DateField(_("approved on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["approved_on", "pk"]
        verbose_name = _("no-cost extension")
        verbose_name_plural = _("no-cost extensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end__gt=models.F("previous_end")),
                name="extension_ends_later",
                violation_error_message=_("An extension moves the end date later."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} extended to {self.new_end}"


class FinancialReport(models.Model):
    """The content of a scheduled annual or final financial report (`poolfund.reporting`):
    what the organisation spent by UNDG category, received from other sources and earned in
    interest. An annual report covers its year; the final report is cumulative, from the
    programme's start to its end. Once accepted, the expenditure it adds counts in the
    delivery figures as its `ExpenditureReport`."""

    scheduled = models.OneToOneField(
        "reporting.ScheduledReport", on_delete=models.PROTECT, related_name="financial_report"
    )
    other_sources_usd = money_field(
        _("received from other sources (USD)"),
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    interest_usd = money_field(
        _("interest earned (USD)"), default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    expenditure = models.OneToOneField(
        ExpenditureReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financial_report",
        help_text=_("What the accepted report adds to the programme's expenditure."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        ordering = ["scheduled"]
        verbose_name = _("financial report")
        verbose_name_plural = _("financial reports")

    def __str__(self) -> str:
        return str(self.scheduled)

    @property
    def total_usd(self) -> Decimal:
        return sum((line.amount_usd for line in self.lines.all()), Decimal(0))


class FinancialReportLine(models.Model):
    report = models.ForeignKey(FinancialReport, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("category"), max_length=30, choices=ExpenditureCategory.choices)
    amount_usd = money_field(_("expenditure (USD)"), validators=[MinValueValidator(Decimal(0))])

    class Meta:
        ordering = ["report", "category"]
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="financial_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: USD {self.amount_usd:,.2f}"


class ProgrammeReturn(models.Model):
    """Ties a ledger return of unspent balance (organisation → the pool the money came from)
    to the programme it closes."""

    programme = models.ForeignKey(JointProgramme, on_delete=models.PROTECT, related_name="returns")
    organisation = models.ForeignKey(
        ParticipatingOrganisation, on_delete=models.PROTECT, related_name="+"
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction", on_delete=models.PROTECT, related_name="programme_return"
    )

    class Meta:
        ordering = ["transaction__occurred_on", "pk"]
        verbose_name = _("return of unspent balance")
        verbose_name_plural = _("returns of unspent balance")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.programme.code}: {self.transaction}"


class ProgrammeClosure(models.Model):
    """Operational closure (the work has ended) then financial closure (every report accepted,
    every dollar spent or returned), each dated with who and why; the final figures are kept
    as they were at financial closure."""

    programme = models.OneToOneField(
        JointProgramme, on_delete=models.PROTECT, related_name="closure"
    )
    operationally_closed_on = models.DateField(_("operationally closed on"))
    operational_reason = models.TextField(_("operational closure: remarks"))
    operationally_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    financially_closed_on = models.DateField(_("financially closed on"), null=True, blank=True)
    financial_reason = models.TextField(_("financial closure: remarks"), blank=True)
    financially_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    final_transferred_usd = money_field(_("transferred (USD)"), null=True, blank=True)
    final_returned_usd = money_field(_("returned (USD)"), null=True, blank=True)
    final_expenditure_usd = money_field(_("expenditure (USD)"), null=True, blank=True)
    final_interest_usd = money_field(_("interest reported (USD)"), null=True, blank=True)
    final_delivery_rate = models.DecimalField(
        _("final delivery rate"), max_digits=7, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("programme closure")
        verbose_name_plural = _("programme closures")

    def __str__(self) -> str:
        return f"Closure of {self.programme.code}"
