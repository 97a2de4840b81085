"""A concept note's moves through the programme cycle. Each transition is one service that
checks the actor's role, refuses transitions the state machine (`workflow.TRANSITIONS`) does not
allow, records its own record (screening, review, decision) and an audit event with who and
why."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.allocation.models import AllocationRound
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import DomainError
from poolfund.ledger.sums import exact_total
from poolfund.programmes.choices import (
    ConceptNoteState,
    DecisionKind,
    Recommendation,
    ScreeningOutcome,
)
from poolfund.programmes.errors import BudgetRuleBroken, IllegalTransition, InvalidConceptNote
from poolfund.programmes.models import (
    ConceptNote,
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
from poolfund.programmes.services.concept_notes import content_of
from poolfund.programmes.workflow import TRANSITIONS_BY_NAME


class ReasonRequired(DomainError):
    code = "reason_required"


def move_concept_note(
    *, actor: User, note: ConceptNote, transition_name: str, reason: str
) -> ConceptNote:
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
    note = move_concept_note(
        actor=actor, note=note, transition_name="submit", reason=reason or "submitted"
    )
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
    note = move_concept_note(
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
    note = move_concept_note(actor=actor, note=note, transition_name="score", reason=comment)
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
    note = move_concept_note(actor=actor, note=note, transition_name=transition_name, reason=reason)
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
    note = move_concept_note(actor=actor, note=note, transition_name="return", reason=reason)
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
    return move_concept_note(actor=actor, note=note, transition_name="withdraw", reason=reason)
