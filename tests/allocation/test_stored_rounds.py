from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from poolfund.accounts.choices import Role
from poolfund.allocation import selectors, services
from poolfund.allocation.models import Proposal
from poolfund.audit.models import AuditEvent
from poolfund.errors import DomainError
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.selectors import pool_balances
from poolfund.ledger.services import account_for_party, fund_pool, post_deposit
from poolfund.programmes.choices import ConceptNoteState, DecisionKind
from poolfund.programmes.models import ConceptNote, ScoringCriterion, SteeringCommitteeDecision
from tests.accounts.factories import user_with_role
from tests.allocation.stored import (
    MONEY_AS_OF,
    area,
    countries,
    pipeline_note,
    stored_round,
)
from tests.programmes.factories import Cast, note_in

pytestmark = pytest.mark.django_db


def full_total() -> Decimal:
    return Decimal(sum(c.weight for c in ScoringCriterion.objects.filter(is_active=True)))


@pytest.fixture
def cast() -> Cast:
    return Cast.create()


def test_pools_are_the_ledger_balances_by_earmark_on_the_round_date(cast):
    round_ = stored_round(cast).allocation_round
    donor = account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "late-donor", "Late donor")
    post_deposit(
        actor=None,
        donor_account=donor,
        pool=fund_pool(area(3)),
        amount=Decimal("777000"),
        currency="USD",
        usd_amount=Decimal("777000"),
        occurred_on=MONEY_AS_OF + timedelta(days=1),
    )
    pools = selectors.round_input(round_.policy)["pools"]
    expected = {
        pool.key: str(balance.quantize(Decimal("0.01")))
        for pool, balance in pool_balances(as_of=MONEY_AS_OF)
        if balance > 0 and pool.country_id is None
    }
    assert {pool["id"]: pool["amount"] for pool in pools} == expected
    assert {pool["thematic_area"] for pool in pools} >= {None}
    earmarked = [pool for pool in pools if pool["thematic_area"] is not None]
    assert all(pool["id"].endswith(f":{pool['thematic_area']}") for pool in earmarked)


def test_candidates_are_the_notes_in_the_pipeline_with_their_mean_weighted_score(cast):
    round_ = stored_round(cast)
    under_review = note_in(ConceptNoteState.UNDER_REVIEW, cast)
    candidates = {
        note["id"]: note for note in selectors.round_input(round_.allocation_round.policy)["notes"]
    }
    assert set(candidates) == {note.reference for note in round_.notes}
    assert under_review.reference not in candidates
    first = candidates[round_.notes[0].reference]
    assert first["requested"] == "1000000.00"
    assert first["thematic_area"] == "2"
    assert Decimal(first["score"]) == full_total()
    assert Decimal(first["min_fraction"]) == 1


def test_a_second_reviewer_changes_the_score_to_the_mean_of_both_totals(cast):
    note = pipeline_note(cast, requested="500000")
    review = note.reviews.get()
    second = review.__class__.objects.create(
        concept_note=note, reviewer=cast.steering, recommendation="fund", comment="Fine."
    )
    for score in review.scores.all():
        second.scores.create(criterion=score.criterion, points=score.points / 2)
    note = selectors.candidate_notes().get(pk=note.pk)
    assert selectors.review_score(note) == full_total() * Decimal("0.75")


def test_a_note_counts_toward_the_sub_region_its_countries_share_else_multi_region(cast):
    latin = pipeline_note(cast, requested="100000", countries=countries("MEX", "GTM"))
    across = pipeline_note(cast, requested="100000", countries=countries("MEX", "USA"))
    single = pipeline_note(cast, requested="100000")
    by_reference = {note.reference: note for note in selectors.candidate_notes()}
    assert selectors.note_region(by_reference[latin.reference]) == (
        "Latin America and the Caribbean"
    )
    assert selectors.note_country(by_reference[latin.reference]) is None
    assert selectors.note_region(by_reference[across.reference]) == selectors.MULTI_REGION
    assert selectors.note_country(by_reference[single.reference]) == "MEX"


def test_policy_settings_become_the_engine_rules(cast):
    round_ = stored_round(
        cast,
        thematic_area_shares={"2": {"target": 0.5, "tolerance": 0.1}},
        region_share_max=Decimal("0.8"),
        grant_max_usd=Decimal("900000"),
        partial_funding_floor=Decimal("0.5"),
    )
    data = selectors.round_input(round_.allocation_round.policy)
    assert data["rules"]["thematic_area_share"] == {"2": {"target": 0.5, "tolerance": 0.1}}
    assert Decimal(data["rules"]["region_share_max"]) == Decimal("0.8")
    assert Decimal(data["rules"]["grant_max"]) == 900000
    assert "country_share_max" not in data["rules"]
    assert {Decimal(note["min_fraction"]) for note in data["notes"]} == {Decimal("0.5")}


def test_pins_override_the_policy_lists_for_one_run(cast):
    round_ = stored_round(cast)
    first, second, third = (note.reference for note in round_.notes)
    policy = round_.allocation_round.policy
    policy.must_exclude.add(round_.notes[0])
    rules = selectors.round_input(policy, pin_in=[first, "CN-unknown"], pin_out=[second])["rules"]
    assert rules["must_include"] == [first]
    assert rules["must_exclude"] == [second]
    _data, result = services.run_round(round_.allocation_round, pin_in=[third])
    assert [item["id"] for item in result["selected"]] == [third]


def test_the_optimiser_funds_what_the_budget_allows_and_explains_the_rest(cast):
    round_ = stored_round(cast)
    _data, result = services.run_round(round_.allocation_round)
    assert result["status"] == "optimal"
    assert len(result["selected"]) == 1
    assert {item["reason"] for item in result["left_out"]} == {"budget"}


def test_allocate_round_dry_run_prints_the_proposal_and_stores_nothing(cast, capsys):
    round_ = stored_round(cast).allocation_round
    call_command("allocate", "--round", round_.name, "--dry-run")
    out = capsys.readouterr().out
    assert "optimal: 1 notes selected" in out
    assert "left out" in out
    assert not Proposal.objects.exists()


def test_allocate_round_stores_the_proposal_as_a_record_not_a_decision(cast, capsys):
    round_ = stored_round(cast).allocation_round
    call_command("allocate", "--round", str(round_.pk))
    proposal = Proposal.objects.get()
    assert proposal.allocation_round == round_ and not proposal.is_decided
    assert proposal.result["status"] == "optimal"
    assert AuditEvent.objects.filter(actor_label=services.COMMAND_LINE).exists()
    assert not ConceptNote.objects.filter(state=ConceptNoteState.APPROVED).exists()
    assert "Stored as a proposal" in capsys.readouterr().out


def test_allocate_names_an_unknown_round():
    with pytest.raises(CommandError, match="No allocation round is called 'nope'"):
        call_command("allocate", "--round", "nope", "--dry-run")


def test_a_round_without_policy_is_refused_with_a_clear_message(cast):
    round_ = stored_round(cast).allocation_round
    round_.policy.delete()
    round_.refresh_from_db()
    with pytest.raises(CommandError, match="has no policy settings"):
        call_command("allocate", "--round", round_.name, "--dry-run")


def test_the_decision_approves_the_proposed_notes_with_their_amounts(cast):
    round_ = stored_round(cast, budget=Decimal("2500000"))
    _data, proposal = services.run_round(round_.allocation_round)
    decisions = services.record_allocation_decision(
        actor=cast.steering, allocation_round=round_.allocation_round, reason="Balanced call."
    )
    assert {(d.concept_note.reference, str(d.amount_usd)) for d in decisions} == {
        (item["id"], item["amount"]) for item in proposal["selected"]
    }
    assert len(decisions) == 2
    approved = ConceptNote.objects.filter(state=ConceptNoteState.APPROVED)
    assert set(approved) == {d.concept_note for d in decisions}
    assert all(d.allocation_round == round_.allocation_round for d in decisions)
    assert all(d.reason == "Balanced call." and d.decided_by == cast.steering for d in decisions)
    assert Proposal.objects.get().is_decided


def test_the_fmu_prepares_and_runs_but_cannot_decide(cast):
    round_ = stored_round(cast)
    services.propose_allocation(actor=cast.fmu, allocation_round=round_.allocation_round)
    with pytest.raises(PermissionDenied):
        services.record_allocation_decision(
            actor=cast.fmu, allocation_round=round_.allocation_round, reason="We think so."
        )
    assert not SteeringCommitteeDecision.objects.filter(kind=DecisionKind.APPROVE).exists()


def test_a_member_whose_seat_has_ended_cannot_decide(cast):
    round_ = stored_round(cast)
    former = user_with_role(Role.STEERING_COMMITTEE, ends_on=MONEY_AS_OF)
    with pytest.raises(PermissionDenied):
        services.record_allocation_decision(
            actor=former, allocation_round=round_.allocation_round, reason="Still here."
        )
    assert not Proposal.objects.exists()


def test_a_decision_without_reason_writes_nothing(cast):
    round_ = stored_round(cast)
    with pytest.raises(DomainError, match="reason"):
        services.record_allocation_decision(
            actor=cast.steering, allocation_round=round_.allocation_round, reason="  "
        )
    assert not Proposal.objects.exists()
    assert not ConceptNote.objects.filter(state=ConceptNoteState.APPROVED).exists()


def test_a_decision_that_breaks_the_round_envelope_writes_nothing(cast):
    round_ = stored_round(cast, budget=Decimal("2500000"))
    round_.allocation_round.envelope_usd = Decimal("1500000")
    round_.allocation_round.save()
    with pytest.raises(DomainError, match="envelope"):
        services.record_allocation_decision(
            actor=cast.steering, allocation_round=round_.allocation_round, reason="Both."
        )
    assert not Proposal.objects.exists()
    assert not ConceptNote.objects.filter(state=ConceptNoteState.APPROVED).exists()


def test_money_approved_but_not_yet_a_programme_is_kept_out_of_the_next_run(cast):
    round_ = stored_round(cast, budget=Decimal("2500000"))
    policy = round_.allocation_round.policy
    services.record_allocation_decision(
        actor=cast.steering, allocation_round=round_.allocation_round, reason="Two notes."
    )
    reserve = Decimal(selectors.round_input(policy)["rules"]["reserve"])
    assert reserve == policy.reserve_usd + Decimal("2000000.00")
    _data, result = services.run_round(round_.allocation_round)
    assert result["selected"] == []
