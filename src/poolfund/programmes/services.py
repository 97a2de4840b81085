"""Writes of the programme cycle. Each concept-note transition is one service that checks the
actor's role, refuses transitions the state machine (`workflow.TRANSITIONS`) does not allow,
records its own record (screening, review, decision) and an audit event with who and why."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.allocation.models import AllocationRound
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import DomainError
from poolfund.framework.models import GuidingPrinciple, Objective, ThematicArea
from poolfund.geo.models import Country, RegionalBody
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.currencies import FUND_CURRENCY, require_exact_amount
from poolfund.ledger.models import LedgerAccount
from poolfund.ledger.services import account_for_party, fund_pool, transfer_from_pool
from poolfund.ledger.sums import exact_total
from poolfund.programmes.choices import (
    ConceptNoteState,
    DecisionKind,
    JointProgrammeStatus,
    Recommendation,
    ScreeningOutcome,
)
from poolfund.programmes.models import (
    ConceptNote,
    ConceptNoteBudgetLine,
    ExpenditureReport,
    JointProgramme,
    NationalPartner,
    ParticipatingOrganisation,
    ProgrammeBudgetLine,
    ProgrammeObjective,
    ProgrammeTransfer,
    Review,
    Score,
    ScoringCriterion,
    Screening,
    SteeringCommitteeDecision,
)
from poolfund.programmes.notifications import (
    NOTE_DECIDED,
    NOTE_RETURNED,
    NOTE_SUBMITTED,
    tell_about_note,
)
from poolfund.programmes.selectors import (
    countries_covered,
    expenditure_by_organisation,
    is_proponent,
    transferred_by_organisation,
)
from poolfund.programmes.workflow import EDITABLE_STATES, TRANSITIONS_BY_NAME
from poolfund.reporting.services import regenerate_calendar

CENT = Decimal("0.01")


class IllegalTransition(DomainError):
    code = "illegal_transition"
    http_status = 409


class InvalidConceptNote(DomainError):
    code = "invalid_concept_note"


class BudgetRuleBroken(DomainError):
    code = "budget_rule_broken"


class ReasonRequired(DomainError):
    code = "reason_required"


def default_indirect_cost_rate() -> Decimal:
    return Decimal(str(getattr(settings, "POOLFUND_INDIRECT_COST_RATE", "0.07")))


@dataclass
class ConceptNoteContent:
    """What a proponent writes in a concept note; validated as a whole."""

    title: str
    summary: str
    thematic_area: ThematicArea
    objectives: Sequence[Objective]
    requested_budget_usd: Decimal
    budget_lines: Sequence[tuple[ParticipatingOrganisation, Decimal]]
    duration_months: int
    gender_marker: int
    human_rights_marker: int
    child_sensitivity_marker: int
    countries: Sequence[Country] = ()
    regional_bodies: Sequence[RegionalBody] = ()
    guiding_principles: Sequence[GuidingPrinciple] = ()
    national_partners: Sequence[NationalPartner] = ()
    single_organisation_exception: bool = False
    exception_justification: str = ""
    whole_of_government: str = ""
    whole_of_society: str = ""
    roadmap_reference: str = ""

    def validate(self) -> None:
        """Refuse a note that breaks the Fund's rules, naming every broken rule."""
        problems: dict[str, str] = {}
        if not self.title.strip():
            problems["title"] = gettext("A concept note needs a title.")
        if not self.countries and not self.regional_bodies:
            problems["countries"] = gettext("Name at least one country or regional body.")
        if not self.objectives:
            problems["objectives"] = gettext("Choose at least one GCM objective.")
        elif not any(o.thematic_area_id == self.thematic_area.pk for o in self.objectives):
            problems["objectives"] = gettext(
                "At least one objective must belong to thematic area %(number)s; the "
                "cross-cutting objective 23 may be added to any area but does not count as one "
                "of its objectives."
            ) % {"number": self.thematic_area.number}
        if not 1 <= self.duration_months <= 120:
            problems["duration_months"] = gettext("The duration is between 1 and 120 months.")
        problems.update(budget_problems(self))
        if problems:
            raise InvalidConceptNote(" ".join(problems.values()), fields=problems)


def budget_problems(content: ConceptNoteContent) -> dict[str, str]:
    problems: dict[str, str] = {}
    organisations = [organisation.pk for organisation, _amount in content.budget_lines]
    if len(set(organisations)) != len(organisations):
        problems["budget_lines"] = gettext("Each organisation appears once in the budget split.")
    if any(amount <= 0 for _organisation, amount in content.budget_lines):
        problems["budget_lines"] = gettext("Each organisation's share is a positive amount.")
    if content.requested_budget_usd <= 0:
        problems["requested_budget_usd"] = gettext("The requested budget is a positive amount.")
    if len(set(organisations)) < 2 and not content.single_organisation_exception:
        problems["budget_lines"] = gettext(
            "A Joint Programme has at least two participating UN organisations "
            "(or is marked as an exception, with its reason)."
        )
    if content.single_organisation_exception and not content.exception_justification.strip():
        problems["exception_justification"] = gettext("Say why this note is an exception.")
    split = sum((amount for _organisation, amount in content.budget_lines), Decimal("0"))
    if split != content.requested_budget_usd:
        problems["requested_budget_usd"] = gettext(
            "The split by organisation adds up to USD %(split)s, not the requested "
            "USD %(requested)s."
        ) % {"split": f"{split:,.2f}", "requested": f"{content.requested_budget_usd:,.2f}"}
    return problems


def _next_reference() -> str:
    year = date.today().year
    count = ConceptNote.objects.filter(reference__startswith=f"CN-{year}-").count()
    return f"CN-{year}-{count + 1:04d}"


def _write_content(note: ConceptNote, content: ConceptNoteContent) -> None:
    for field in (
        "title",
        "summary",
        "thematic_area",
        "requested_budget_usd",
        "duration_months",
        "gender_marker",
        "human_rights_marker",
        "child_sensitivity_marker",
        "single_organisation_exception",
        "exception_justification",
        "whole_of_government",
        "whole_of_society",
        "roadmap_reference",
    ):
        setattr(note, field, getattr(content, field))
    note.save()
    note.countries.set(content.countries)
    note.regional_bodies.set(content.regional_bodies)
    note.objectives.set(content.objectives)
    note.guiding_principles.set(content.guiding_principles)
    note.national_partners.set(content.national_partners)
    note.budget_lines.all().delete()
    ConceptNoteBudgetLine.objects.bulk_create(
        ConceptNoteBudgetLine(concept_note=note, organisation=organisation, amount_usd=amount)
        for organisation, amount in content.budget_lines
    )


@transaction.atomic
def draft_concept_note(*, actor: User, content: ConceptNoteContent) -> ConceptNote:
    """Start a concept note. The drafter must speak for one of its organisations or countries."""
    require(actor, "programmes.draft_concept_note")
    content.validate()
    note = ConceptNote(reference=_next_reference(), drafted_by=actor)
    _write_content(note, content)
    if not is_proponent(actor, note):
        raise InvalidConceptNote(
            gettext(
                "You can only draft a concept note for your own organisation or country: add "
                "your organisation to the budget split or your country to the countries."
            )
        )
    record_event(actor=actor, action=AuditAction.CREATE, instance=note, reason="drafted")
    return note


@transaction.atomic
def revise_concept_note(
    *, actor: User, note: ConceptNote, content: ConceptNoteContent, reason: str = ""
) -> ConceptNote:
    note = ConceptNote.objects.select_for_update().get(pk=note.pk)
    require(actor, "programmes.revise_concept_note", note)
    if note.state not in EDITABLE_STATES:
        raise IllegalTransition(
            gettext(
                "A concept note that is %(state)s cannot be changed; only drafts and notes "
                "returned for revision can."
            )
            % {"state": note.get_state_display().lower()}
        )
    content.validate()
    before = snapshot(note)
    _write_content(note, content)
    record_event(
        actor=actor, action=AuditAction.UPDATE, instance=note, before=before, reason=reason
    )
    return note


def _move(*, actor: User, note: ConceptNote, transition_name: str, reason: str) -> ConceptNote:
    """Check the role and the state, then make the transition and record it."""
    transition = TRANSITIONS_BY_NAME[transition_name]
    note = ConceptNote.objects.select_for_update().get(pk=note.pk)
    require(actor, transition.permission, note)
    if note.state not in transition.sources:
        allowed = ", ".join(str(ConceptNoteState(s).label).lower() for s in transition.sources)
        raise IllegalTransition(
            gettext(
                "Concept note %(reference)s is %(state)s: it cannot be moved to “%(target)s” "
                "(only from: %(allowed)s)."
            )
            % {
                "reference": note.reference,
                "state": note.get_state_display().lower(),
                "target": ConceptNoteState(transition.target).label,
                "allowed": allowed,
            }
        )
    before = snapshot(note)
    note.state = transition.target
    note.save(update_fields=["state", "updated_at"])
    record_event(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=note,
        before=before,
        reason=reason or transition.name,
    )
    return note


def _require_reason(reason: str, message: str) -> str:
    """The reason stripped; `message` (what to give) is the refusal when it is empty."""
    if not reason or not reason.strip():
        raise ReasonRequired(message)
    return reason.strip()


@transaction.atomic
def submit_concept_note(*, actor: User, note: ConceptNote, reason: str = "") -> ConceptNote:
    content = content_of(note)
    content.validate()
    note = _move(actor=actor, note=note, transition_name="submit", reason=reason or "submitted")
    tell_about_note(
        NOTE_SUBMITTED,
        note,
        actor=actor,
        submitted_on=timezone.localdate().isoformat(),
        requested_usd=str(note.requested_budget_usd),
    )
    return note


@transaction.atomic
def screen_concept_note(
    *, actor: User, note: ConceptNote, eligible: bool, reasons: str
) -> ConceptNote:
    reasons = _require_reason(
        reasons, gettext("Give the reason for the screening; every decision keeps its reason.")
    )
    note = _move(
        actor=actor,
        note=note,
        transition_name="screen-eligible" if eligible else "screen-not-eligible",
        reason=reasons,
    )
    Screening.objects.create(
        concept_note=note,
        outcome=ScreeningOutcome.ELIGIBLE if eligible else ScreeningOutcome.NOT_ELIGIBLE,
        reasons=reasons,
        screened_by=actor,
    )
    return note


@transaction.atomic
def score_concept_note(
    *,
    actor: User,
    note: ConceptNote,
    points: dict[ScoringCriterion, Decimal],
    recommendation: Recommendation,
    comment: str,
) -> Review:
    """Record one reviewer's scorecard: every criterion in use scored from 0 to its weight."""
    comment = _require_reason(
        comment,
        gettext("Give the reason for the recommendation; every decision keeps its reason."),
    )
    note = _move(actor=actor, note=note, transition_name="score", reason=comment)
    if note.drafted_by_id == actor.pk:
        raise InvalidConceptNote(gettext("A reviewer cannot score a concept note they drafted."))
    if note.reviews.filter(reviewer=actor).exists():
        raise InvalidConceptNote(gettext("You have already scored this concept note."))
    criteria = list(ScoringCriterion.objects.filter(is_active=True))
    if not criteria:
        raise InvalidConceptNote(
            gettext("No scoring criteria are set; the FMU sets them before review.")
        )
    missing = [criterion.name for criterion in criteria if criterion not in points]
    if missing:
        raise InvalidConceptNote(
            gettext("Score every criterion; missing: %(criteria)s.")
            % {"criteria": ", ".join(missing)}
        )
    for criterion, value in points.items():
        if not Decimal(0) <= value <= criterion.weight:
            raise InvalidConceptNote(
                gettext("%(criterion)s is scored from 0 to %(weight)s, not %(value)s.")
                % {"criterion": criterion.name, "weight": criterion.weight, "value": value}
            )
    review = Review.objects.create(
        concept_note=note, reviewer=actor, recommendation=recommendation, comment=comment
    )
    Score.objects.bulk_create(
        Score(review=review, criterion=criterion, points=points[criterion])
        for criterion in criteria
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=review, reason=comment)
    return review


def _decide(
    *,
    actor: User,
    note: ConceptNote,
    transition_name: str,
    kind: DecisionKind,
    reason: str,
    allocation_round: AllocationRound | None = None,
    amount_usd: Decimal | None = None,
) -> SteeringCommitteeDecision:
    reason = _require_reason(
        reason, gettext("Give the reason for the decision; every decision keeps its reason.")
    )
    note = _move(actor=actor, note=note, transition_name=transition_name, reason=reason)
    if kind == DecisionKind.APPROVE:
        check_approval(note, allocation_round, amount_usd)
    decision = SteeringCommitteeDecision.objects.create(
        concept_note=note,
        kind=kind,
        reason=reason,
        allocation_round=allocation_round,
        amount_usd=amount_usd,
        decided_by=actor,
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=decision, reason=reason)
    tell_about_note(
        NOTE_DECIDED,
        note,
        actor=actor,
        decision=kind.value,
        decided_on=timezone.localdate().isoformat(),
        amount_usd=None if amount_usd is None else str(amount_usd),
        reason=reason,
    )
    return decision


def check_approval(
    note: ConceptNote, allocation_round: AllocationRound | None, amount_usd: Decimal | None
) -> None:
    """An approval names its round and an amount within the request and the round's envelope."""
    if allocation_round is None:
        raise BudgetRuleBroken(gettext("An approval names its allocation round."))
    if amount_usd is None or amount_usd <= 0:
        raise BudgetRuleBroken(gettext("An approval gives a positive amount in USD."))
    if amount_usd > note.requested_budget_usd:
        raise BudgetRuleBroken(
            gettext("The approved USD %(amount)s exceeds the requested USD %(requested)s.")
            % {"amount": f"{amount_usd:,.2f}", "requested": f"{note.requested_budget_usd:,.2f}"}
        )
    if allocation_round.envelope_usd is not None:
        committed = exact_total(
            allocation_round.decisions.filter(kind=DecisionKind.APPROVE), "amount_usd"
        )
        if committed + amount_usd > allocation_round.envelope_usd:
            raise BudgetRuleBroken(
                gettext(
                    "%(round)s has USD %(left)s left of its envelope; USD %(amount)s does not fit."
                )
                % {
                    "round": allocation_round,
                    "left": f"{allocation_round.envelope_usd - committed:,.2f}",
                    "amount": f"{amount_usd:,.2f}",
                }
            )


@transaction.atomic
def prioritise_concept_note(
    *, actor: User, note: ConceptNote, reason: str
) -> SteeringCommitteeDecision:
    decision = _decide(
        actor=actor,
        note=note,
        transition_name="prioritise",
        kind=DecisionKind.PRIORITISE,
        reason=reason,
    )
    if not note.reviews.exists():
        raise InvalidConceptNote(
            gettext("A concept note is prioritised only after it has been scored.")
        )
    return decision


@transaction.atomic
def approve_concept_note(
    *,
    actor: User,
    note: ConceptNote,
    allocation_round: AllocationRound,
    amount_usd: Decimal,
    reason: str,
) -> SteeringCommitteeDecision:
    return _decide(
        actor=actor,
        note=note,
        transition_name="approve",
        kind=DecisionKind.APPROVE,
        reason=reason,
        allocation_round=allocation_round,
        amount_usd=amount_usd,
    )


@transaction.atomic
def reject_concept_note(
    *, actor: User, note: ConceptNote, reason: str
) -> SteeringCommitteeDecision:
    return _decide(
        actor=actor, note=note, transition_name="reject", kind=DecisionKind.REJECT, reason=reason
    )


@transaction.atomic
def return_concept_note(*, actor: User, note: ConceptNote, reason: str) -> ConceptNote:
    reason = _require_reason(
        reason,
        gettext("Give the reason for returning the note; every decision keeps its reason."),
    )
    note = _move(actor=actor, note=note, transition_name="return", reason=reason)
    tell_about_note(
        NOTE_RETURNED,
        note,
        actor=actor,
        returned_on=timezone.localdate().isoformat(),
        reason=reason,
    )
    return note


@transaction.atomic
def withdraw_concept_note(*, actor: User, note: ConceptNote, reason: str) -> ConceptNote:
    reason = _require_reason(
        reason,
        gettext("Give the reason for withdrawing the note; every decision keeps its reason."),
    )
    return _move(actor=actor, note=note, transition_name="withdraw", reason=reason)


def content_of(note: ConceptNote) -> ConceptNoteContent:
    return ConceptNoteContent(
        title=note.title,
        summary=note.summary,
        thematic_area=note.thematic_area,
        objectives=list(note.objectives.all()),
        requested_budget_usd=note.requested_budget_usd,
        budget_lines=[(line.organisation, line.amount_usd) for line in note.budget_lines.all()],
        duration_months=note.duration_months,
        gender_marker=note.gender_marker,
        human_rights_marker=note.human_rights_marker,
        child_sensitivity_marker=note.child_sensitivity_marker,
        countries=list(note.countries.all()),
        regional_bodies=list(note.regional_bodies.all()),
        guiding_principles=list(note.guiding_principles.all()),
        national_partners=list(note.national_partners.all()),
        single_organisation_exception=note.single_organisation_exception,
        exception_justification=note.exception_justification,
        whole_of_government=note.whole_of_government,
        whole_of_society=note.whole_of_society,
        roadmap_reference=note.roadmap_reference,
    )


def split_approved_amount(
    lines: Iterable[tuple[ParticipatingOrganisation, Decimal]], approved_usd: Decimal
) -> list[tuple[ParticipatingOrganisation, Decimal]]:
    """Share the approved amount in proportion to the requested split, to the cent; the
    rounding remainder goes to the largest share so the parts add up exactly."""
    lines = list(lines)
    requested = sum((amount for _organisation, amount in lines), Decimal("0"))
    shares = [
        (organisation, (approved_usd * amount / requested).quantize(CENT, ROUND_HALF_UP))
        for organisation, amount in lines
    ]
    remainder = approved_usd - sum(share for _organisation, share in shares)
    largest = max(range(len(shares)), key=lambda index: shares[index][1])
    organisation, share = shares[largest]
    shares[largest] = (organisation, share + remainder)
    return shares


def split_indirect_cost(total_usd: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(direct, indirect) of an amount that includes the indirect cost at `rate` of direct."""
    direct = (total_usd / (1 + rate)).quantize(CENT, ROUND_HALF_UP)
    return direct, total_usd - direct


@transaction.atomic
def create_joint_programme(
    *,
    actor: User,
    note: ConceptNote,
    code: str,
    starts_on: date,
    ends_on: date,
    indirect_cost_rate: Decimal | None = None,
) -> JointProgramme:
    """Make the approved concept note a Joint Programme with the approved budget split by
    organisation, each share's indirect cost shown apart."""
    code = code.strip()
    note = _move(
        actor=actor,
        note=note,
        transition_name="create-joint-programme",
        reason=f"Joint Programme {code} created",
    )
    if not code:
        raise InvalidConceptNote(gettext("A Joint Programme needs a code."))
    if JointProgramme.objects.filter(code=code).exists():
        raise InvalidConceptNote(
            gettext("The code %(code)s is already used by another Joint Programme.")
            % {"code": code}
        )
    if ends_on <= starts_on:
        raise InvalidConceptNote(gettext("A Joint Programme ends after it starts."))
    rate = default_indirect_cost_rate() if indirect_cost_rate is None else indirect_cost_rate
    if not Decimal(0) <= rate < 1:
        raise BudgetRuleBroken(gettext("The indirect cost rate is a fraction between 0 and 1."))
    approval = note.decisions.filter(kind=DecisionKind.APPROVE).latest("decided_at")
    programme = JointProgramme.objects.create(
        code=code,
        title=note.title,
        description=note.summary,
        concept_note=note,
        thematic_area=note.thematic_area,
        budget_usd=approval.amount_usd,
        indirect_cost_rate=rate,
        starts_on=starts_on,
        ends_on=ends_on,
        source=f"Concept note {note.reference}, approved in {approval.allocation_round}",
    )
    programme.countries.set(note.countries.all())
    programme.regional_bodies.set(note.regional_bodies.all())
    ProgrammeObjective.objects.bulk_create(
        ProgrammeObjective(programme=programme, objective=objective)
        for objective in note.objectives.all()
    )
    requested = [(line.organisation, line.amount_usd) for line in note.budget_lines.all()]
    lines = []
    for organisation, share in split_approved_amount(requested, approval.amount_usd):
        direct, indirect = split_indirect_cost(share, rate)
        lines.append(
            ProgrammeBudgetLine(
                programme=programme,
                organisation=organisation,
                direct_cost_usd=direct,
                indirect_cost_usd=indirect,
            )
        )
    ProgrammeBudgetLine.objects.bulk_create(lines)
    record_event(
        actor=actor,
        action=AuditAction.CREATE,
        instance=programme,
        reason=f"from concept note {note.reference}",
    )
    regenerate_calendar(programme=programme, actor_label=f"reporting calendar of {code}")
    return programme


def locked_budget_line_with_room(
    programme: JointProgramme,
    organisation: ParticipatingOrganisation,
    amount_usd: Decimal,
    *,
    used_by_organisation: Callable[[JointProgramme], Mapping[int, Decimal]],
    refusal: Callable[[Decimal, ProgrammeBudgetLine], str],
) -> ProgrammeBudgetLine:
    """The organisation's share of the programme's budget, once `amount_usd` more of what
    `used_by_organisation` sums (transferred, spent) is known to fit in it. The line stays
    locked until the transaction ends, so two writers cannot both pass the check."""
    line = (
        ProgrammeBudgetLine.objects.select_for_update()
        .filter(programme=programme, organisation=organisation)
        .first()
    )
    if line is None:
        message = gettext("%(organisation)s has no share of %(code)s's budget.") % {
            "organisation": organisation,
            "code": programme.code,
        }
        raise BudgetRuleBroken(message, fields={"organisation": message})
    used = used_by_organisation(programme).get(organisation.pk, Decimal(0))
    if used + amount_usd > line.total_usd:
        message = refusal(used, line)
        raise BudgetRuleBroken(message, fields={"amount_usd": message})
    return line


@transaction.atomic
def record_expenditure(
    *,
    actor: User,
    programme: JointProgramme,
    organisation: ParticipatingOrganisation,
    period_start: date,
    period_end: date,
    amount_usd: Decimal,
) -> ExpenditureReport:
    """Record what an organisation spent on a programme over a period; its cumulative
    expenditure cannot exceed its share of the budget."""
    require(actor, "programmes.record_expenditure", (programme, organisation))
    if period_end < period_start:
        raise InvalidConceptNote(gettext("A reporting period ends after it starts."))
    require_exact_amount(amount_usd, FUND_CURRENCY)
    if amount_usd < 0:
        raise BudgetRuleBroken(gettext("Expenditure is zero or more."))
    locked_budget_line_with_room(
        programme,
        organisation,
        amount_usd,
        used_by_organisation=expenditure_by_organisation,
        refusal=lambda spent, line: (
            gettext(
                "%(organisation)s would report USD %(spent)s for %(code)s, more than its budget "
                "of USD %(budget)s."
            )
            % {
                "organisation": organisation,
                "spent": f"{spent + amount_usd:,.2f}",
                "code": programme.code,
                "budget": f"{line.total_usd:,.2f}",
            }
        ),
    )
    report = ExpenditureReport.objects.create(
        programme=programme,
        organisation=organisation,
        period_start=period_start,
        period_end=period_end,
        amount_usd=amount_usd,
        reported_by=actor,
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=report, reason="expenditure")
    return report


TRANSFERABLE_STATUSES = (JointProgrammeStatus.ACTIVE, JointProgrammeStatus.NO_COST_EXTENSION)


def organisation_account(organisation: ParticipatingOrganisation) -> LedgerAccount:
    """The organisation's one `organisation-transfers` ledger account, keyed by its acronym."""
    return account_for_party(
        AccountKind.ORGANISATION_TRANSFERS, organisation.acronym, organisation.name
    )


@transaction.atomic
def transfer_to_organisation(
    *,
    actor: User,
    programme: JointProgramme,
    organisation: ParticipatingOrganisation,
    amount_usd: Decimal,
    occurred_on: date,
    pool: LedgerAccount | None = None,
    memo: str = "",
    idempotency_key: str | None = None,
) -> ProgrammeTransfer:
    """Transfer USD from a pool of Fund cash (the unearmarked pool unless named) to an
    organisation for a programme, as a ledger transaction. Refused beyond the organisation's
    approved share (its budget line is locked while checked) and, by the ledger, beyond what the
    pool holds or from a pool earmarked to another thematic area, or to a country or region the
    programme is not in (the ledger locks the pool). The programme's countries are those it
    names and the members of its regional bodies."""
    require(actor, "programmes.transfer_funds", programme)
    programme = JointProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.status not in TRANSFERABLE_STATUSES:
        raise IllegalTransition(
            gettext("%(code)s is %(status)s: the Fund transfers only to active programmes.")
            % {"code": programme.code, "status": programme.get_status_display().lower()}
        )
    locked_budget_line_with_room(
        programme,
        organisation,
        amount_usd,
        used_by_organisation=transferred_by_organisation,
        refusal=lambda already, line: (
            gettext(
                "%(organisation)s has received USD %(already)s of its USD %(budget)s for "
                "%(code)s; USD %(amount)s more would exceed the approved budget."
            )
            % {
                "organisation": organisation,
                "already": f"{already:,.2f}",
                "budget": f"{line.total_usd:,.2f}",
                "code": programme.code,
                "amount": f"{amount_usd:,.2f}",
            }
        ),
    )
    posted = transfer_from_pool(
        actor=actor,
        pool=pool or fund_pool(),
        to_account=organisation_account(organisation),
        amount=amount_usd,
        occurred_on=occurred_on,
        thematic_area=programme.thematic_area,
        countries=countries_covered(programme),
        memo=memo or f"{programme.code}: transfer to {organisation.acronym}",
        idempotency_key=idempotency_key,
    )
    link = ProgrammeTransfer.objects.create(
        programme=programme, organisation=organisation, transaction=posted
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=link, reason=posted.memo)
    return link


@dataclass(frozen=True)
class ProgrammeRecord:
    """A Joint Programme as the Fund's own records give it (approved before PoolFund)."""

    code: str
    title: str
    description: str
    thematic_area: ThematicArea
    countries: Sequence[Country]
    regional_bodies: Sequence[RegionalBody]
    budget_usd: Decimal
    budget_lines: Sequence[tuple[ParticipatingOrganisation, Decimal]]
    objectives: Sequence[Objective] = ()
    suggested_objectives: Sequence[Objective] = ()
    indirect_cost_rate: Decimal = Decimal("0.07")
    status: JointProgrammeStatus = JointProgrammeStatus.ACTIVE
    starts_on: date | None = None
    ends_on: date | None = None
    not_stated_in_source: Sequence[str] = ()
    source: str = ""


def _programme_problems(record: ProgrammeRecord) -> dict[str, str]:
    problems = {}
    if not record.code.strip():
        problems["code"] = gettext("A Joint Programme needs a code.")
    if not record.countries and not record.regional_bodies:
        problems["countries"] = gettext("A Joint Programme names its countries or a regional body.")
    if record.budget_usd <= 0:
        problems["budget_usd"] = gettext("A Joint Programme's budget is more than zero.")
    if not Decimal(0) <= record.indirect_cost_rate < 1:
        problems["indirect_cost_rate"] = gettext(
            "The indirect cost rate is a fraction between 0 and 1."
        )
    if record.starts_on and record.ends_on and record.ends_on <= record.starts_on:
        problems["ends_on"] = gettext("A Joint Programme ends after it starts.")
    if set(record.suggested_objectives) - set(record.objectives):
        problems["suggested_objectives"] = gettext("Suggested objectives are among the objectives.")
    organisations = [organisation for organisation, _amount in record.budget_lines]
    split = sum((amount for _organisation, amount in record.budget_lines), Decimal(0))
    if len(set(organisations)) != len(organisations):
        problems["budget_lines"] = gettext("Each organisation has one share of the budget.")
    elif record.budget_lines and split != record.budget_usd:
        problems["budget_lines"] = gettext(
            "The organisations' shares add up to USD %(split)s, not to the budget's USD %(budget)s."
        ) % {"split": split, "budget": record.budget_usd}
    elif not record.budget_lines and "organisations" not in record.not_stated_in_source:
        problems["budget_lines"] = gettext(
            "Give each participating organisation's share of the budget (or list "
            "'organisations' as not stated in the source)."
        )
    return problems


def _write_programme_record(programme: JointProgramme, record: ProgrammeRecord) -> None:
    programme.countries.set(record.countries)
    programme.regional_bodies.set(record.regional_bodies)
    suggested = set(record.suggested_objectives)
    programme.programmeobjective_set.all().delete()
    ProgrammeObjective.objects.bulk_create(
        ProgrammeObjective(
            programme=programme, objective=objective, is_suggested=objective in suggested
        )
        for objective in record.objectives
    )
    transferred = transferred_by_organisation(programme)
    for organisation, amount in record.budget_lines:
        if amount < transferred.get(organisation.pk, Decimal(0)):
            raise BudgetRuleBroken(
                gettext(
                    "%(organisation)s has received USD %(received)s for %(code)s, more than the "
                    "USD %(amount)s share given."
                )
                % {
                    "organisation": organisation,
                    "received": f"{transferred[organisation.pk]:,.2f}",
                    "code": programme.code,
                    "amount": f"{amount:,.2f}",
                },
                fields={"budget_lines": gettext("less than transferred")},
            )
    kept = {organisation.pk for organisation, _amount in record.budget_lines}
    if missing := set(transferred) - kept:
        names = ", ".join(
            ParticipatingOrganisation.objects.filter(pk__in=missing).values_list(
                "acronym", flat=True
            )
        )
        raise BudgetRuleBroken(
            gettext("%(names)s received transfers for %(code)s and keep a share of its budget.")
            % {"names": names, "code": programme.code},
            fields={"budget_lines": gettext("an organisation with transfers is missing")},
        )
    programme.budget_lines.all().delete()
    lines = []
    for organisation, amount in record.budget_lines:
        direct, indirect = split_indirect_cost(amount, record.indirect_cost_rate)
        lines.append(
            ProgrammeBudgetLine(
                programme=programme,
                organisation=organisation,
                direct_cost_usd=direct,
                indirect_cost_usd=indirect,
            )
        )
    ProgrammeBudgetLine.objects.bulk_create(lines)


def programme_record_of(programme: JointProgramme) -> dict:
    """What `record_joint_programme` compares: the programme's fields, places, objectives and
    budget split, as plain values."""
    links = list(programme.programmeobjective_set.all())
    return {
        **snapshot(programme),
        "countries": sorted(country.iso3 for country in programme.countries.all()),
        "regional_bodies": sorted(body.code for body in programme.regional_bodies.all()),
        "objectives": [link.objective.number for link in links],
        "suggested_objectives": [link.objective.number for link in links if link.is_suggested],
        "budget_lines": [
            f"{line.organisation.acronym} {line.total_usd}" for line in programme.budget_lines.all()
        ],
    }


@transaction.atomic
def record_joint_programme(
    *, actor: User, record: ProgrammeRecord, reason: str = ""
) -> tuple[JointProgramme, bool]:
    """Create the Joint Programme `record.code`, or bring the existing one in line with the
    record. A status is the record's when the programme is created; afterwards it changes only
    on the programme's page (no-cost extension, operational and financial closure), whose
    services check what each move needs. Returns the programme and whether it was created."""
    require(actor, "programmes.record_programme")
    if problems := _programme_problems(record):
        raise InvalidConceptNote(next(iter(problems.values())), fields=problems)
    fields = {
        "title": record.title,
        "description": record.description,
        "thematic_area": record.thematic_area,
        "budget_usd": record.budget_usd,
        "indirect_cost_rate": record.indirect_cost_rate,
        "starts_on": record.starts_on,
        "ends_on": record.ends_on,
        "not_stated_in_source": list(record.not_stated_in_source),
        "source": record.source,
    }
    programme = JointProgramme.objects.select_for_update().filter(code=record.code).first()
    if programme is None:
        programme = JointProgramme.objects.create(code=record.code, status=record.status, **fields)
        _write_programme_record(programme, record)
        record_event(actor=actor, action=AuditAction.CREATE, instance=programme, reason=reason)
        return programme, True
    if programme.status != record.status:
        raise IllegalTransition(
            gettext(
                "%(code)s is %(status)s: its status changes on its page (no-cost extension, "
                "closure), not from a record."
            )
            % {"code": programme.code, "status": programme.get_status_display().lower()},
            fields={"status": gettext("changes on the programme's page")},
        )
    before = programme_record_of(programme)
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.save(update_fields=list(fields))
    _write_programme_record(programme, record)
    programme = JointProgramme.objects.get(pk=programme.pk)
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=programme,
        before=before,
        after=programme_record_of(programme),
        reason=reason,
    )
    return programme, False
