"""Writes of stored allocation rounds: their policy, the optimiser's proposals (records) and the
Steering Committee's decision, which approves the chosen notes through the programme cycle."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from poolfund.accounts.policy import require, require_unless_system
from poolfund.allocation.engine import solve_round
from poolfund.allocation.models import AllocationRound, Proposal, RoundPolicy
from poolfund.allocation.selectors import round_input
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import DomainError
from poolfund.programmes.models import ConceptNote, SteeringCommitteeDecision
from poolfund.programmes.services.transitions import ReasonRequired, approve_concept_note

COMMAND_LINE = "system: poolfund allocate"


class NoPolicy(DomainError):
    code = "no_round_policy"


class InvalidPolicy(DomainError):
    code = "invalid_round_policy"


class NothingToDecide(DomainError):
    code = "nothing_to_decide"
    http_status = 409


def policy_of(allocation_round: AllocationRound) -> RoundPolicy:
    try:
        return allocation_round.policy
    except RoundPolicy.DoesNotExist:
        raise NoPolicy(
            gettext("%(round)s has no policy settings yet: the FMU sets them first.")
            % {"round": allocation_round}
        ) from None


POLICY_FIELDS = (
    "thematic_area_shares",
    "region_share_max",
    "country_share_max",
    "grant_min_usd",
    "grant_max_usd",
    "partial_funding_floor",
    "reserve_usd",
)


@transaction.atomic
def set_round_policy(
    *,
    actor,
    allocation_round: AllocationRound,
    money_as_of: date,
    must_include: Iterable[ConceptNote] = (),
    must_exclude: Iterable[ConceptNote] = (),
    reason: str = "",
    **settings: Any,
) -> RoundPolicy:
    """Create or change a round's policy. `settings` are RoundPolicy fields (POLICY_FIELDS)."""
    require(actor, "allocation.prepare_round", allocation_round)
    unknown = set(settings) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"Not policy settings: {sorted(unknown)}")
    policy = RoundPolicy.objects.filter(allocation_round=allocation_round).first()
    before = snapshot(policy) if policy else None
    policy = policy or RoundPolicy(allocation_round=allocation_round)
    policy.money_as_of = money_as_of
    for field, value in settings.items():
        setattr(policy, field, value)
    try:
        policy.full_clean()
    except ValidationError as error:
        problems = {field: " ".join(messages) for field, messages in error.message_dict.items()}
        raise InvalidPolicy(
            gettext("The policy settings are not valid: %(problems)s")
            % {"problems": "; ".join(f"{field}: {text}" for field, text in problems.items())},
            fields=problems,
        ) from error
    policy.save()
    policy.must_include.set(must_include)
    policy.must_exclude.set(must_exclude)
    record_event(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=policy,
        before=before,
        reason=reason,
    )
    return policy


def run_round(
    allocation_round: AllocationRound, *, pin_in: Iterable[str] = (), pin_out: Iterable[str] = ()
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(input, result) of the optimiser on the stored round, with this run's pins. Writes
    nothing; InvalidRound (a DomainError) when the settings are inconsistent."""
    data = round_input(policy_of(allocation_round), pin_in=pin_in, pin_out=pin_out)
    return data, solve_round(data)


def _store(
    *, actor, allocation_round: AllocationRound, data, result, is_decided: bool, reason: str
) -> Proposal:
    proposal = Proposal.objects.create(
        allocation_round=allocation_round,
        round_input=data,
        result=result,
        proposed_by=actor,
        is_decided=is_decided,
    )
    record_event(
        actor=actor,
        action=AuditAction.CREATE,
        instance=proposal,
        reason=reason,
        actor_label="" if actor else COMMAND_LINE,
    )
    return proposal


@transaction.atomic
def propose_allocation(
    *,
    actor,
    allocation_round: AllocationRound,
    pin_in: Iterable[str] = (),
    pin_out: Iterable[str] = (),
) -> Proposal:
    """Run the optimiser and keep its proposal as a record. `actor` is None from the command
    line (whoever may run `poolfund` may run the optimiser)."""
    require_unless_system(actor, "allocation.run_optimiser", allocation_round)
    data, result = run_round(allocation_round, pin_in=pin_in, pin_out=pin_out)
    return _store(
        actor=actor,
        allocation_round=allocation_round,
        data=data,
        result=result,
        is_decided=False,
        reason="proposed by the optimiser",
    )


@transaction.atomic
def record_allocation_decision(
    *,
    actor,
    allocation_round: AllocationRound,
    reason: str,
    pin_in: Iterable[str] = (),
    pin_out: Iterable[str] = (),
) -> list[SteeringCommitteeDecision]:
    """The Steering Committee adopts the proposal for these pins: the optimiser is run again
    (amounts come from it, not from the form) and every selected note is approved for funding
    with its amount, in one transaction; any refusal leaves nothing written."""
    require(actor, "allocation.record_decision", allocation_round)
    if not reason or not reason.strip():
        message = gettext("Give the reason for the decision; every decision keeps its reason.")
        raise ReasonRequired(message, fields={"reason": message})
    data, result = run_round(allocation_round, pin_in=pin_in, pin_out=pin_out)
    if not result["selected"]:
        raise NothingToDecide(
            gettext("The proposal selects no note (%(status)s): there is nothing to approve.")
            % {"status": result["status"]}
        )
    _store(
        actor=actor,
        allocation_round=allocation_round,
        data=data,
        result=result,
        is_decided=True,
        reason=reason,
    )
    notes = ConceptNote.objects.in_bulk(
        [item["id"] for item in result["selected"]], field_name="reference"
    )
    return [
        approve_concept_note(
            actor=actor,
            note=notes[item["id"]],
            allocation_round=allocation_round,
            amount_usd=Decimal(item["amount"]),
            reason=reason,
        )
        for item in result["selected"]
    ]
