"""The engine's input built from the database: the ledger's pools as of the round's date, the
concept notes in the pipeline with their review scores, and the round's policy."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from poolfund.allocation.models import AllocationRound, Proposal, RoundPolicy
from poolfund.allocation.round import cents_down
from poolfund.framework.models import ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.ledger.selectors import pool_balances
from poolfund.ledger.sums import exact_total, exact_totals_by
from poolfund.programmes.choices import ConceptNoteState, DecisionKind
from poolfund.programmes.models import (
    ConceptNote,
    JointProgramme,
    Review,
    SteeringCommitteeDecision,
)
from poolfund.programmes.selectors import countries_covered

MULTI_REGION = "multi-region"
NO_REGION = "no region"
SCORE_PLACES = Decimal("0.01")


def candidate_notes() -> QuerySet[ConceptNote]:
    """Concept notes in the pipeline, with what scoring and placing them needs."""
    return (
        ConceptNote.objects.filter(state=ConceptNoteState.IN_PIPELINE)
        .select_related("thematic_area")
        .prefetch_related(
            Prefetch("reviews", queryset=Review.objects.prefetch_related("scores")),
            "countries__sub_region",
            "regional_bodies__members__sub_region",
        )
    )


def review_score(note: ConceptNote) -> Decimal:
    """The mean of the reviewers' weighted totals (each criterion is scored from 0 to its
    weight, so a review's total is already weighted); 0 for a note nobody scored."""
    totals = [review.total for review in note.reviews.all()]
    if not totals:
        return Decimal(0)
    return (sum(totals, Decimal(0)) / len(totals)).quantize(SCORE_PLACES)


def note_region(note: ConceptNote) -> str:
    """The UN M49 sub-region of the note's countries when they share one (e.g. "Latin America
    and the Caribbean"), otherwise `multi-region`; a note counts toward one region only."""
    sub_regions = {
        country.sub_region.name if country.sub_region else NO_REGION
        for country in countries_covered(note)
    }
    if len(sub_regions) == 1:
        return sub_regions.pop()
    return MULTI_REGION if sub_regions else NO_REGION


def note_country(note: ConceptNote) -> str | None:
    """The ISO alpha-3 code of a single-country note; multi-country and regional notes count
    toward no country's cap."""
    countries = countries_covered(note)
    if len(countries) == 1:
        return next(iter(countries)).iso3
    return None


def area_key(area: ThematicArea) -> str:
    return str(area.number)


def pools_as_of(policy: RoundPolicy) -> list[dict[str, Any]]:
    """Pools with money on the policy's day: unearmarked and per thematic area. Pools earmarked
    to a country or a region are left out (the optimiser knows thematic-area earmarks only;
    docs/allocation.md)."""
    return [
        {
            "id": pool.key,
            "amount": str(cents_down(balance)),
            "thematic_area": area_key(pool.thematic_area) if pool.thematic_area else None,
        }
        for pool, balance in pool_balances(as_of=policy.money_as_of)
        if balance > 0 and pool.country_id is None and pool.region_id is None
    ]


def candidate_input(note: ConceptNote, policy: RoundPolicy) -> dict[str, Any]:
    candidate = {
        "id": note.reference,
        "thematic_area": area_key(note.thematic_area),
        "region": note_region(note),
        "requested": str(note.requested_budget_usd),
        "score": str(review_score(note)),
        "min_fraction": str(policy.partial_funding_floor),
    }
    country = note_country(note)
    if country is not None:
        candidate["country"] = country
    return candidate


def round_input(
    policy: RoundPolicy, *, pin_in: Iterable[str] = (), pin_out: Iterable[str] = ()
) -> dict[str, Any]:
    """The round as the engine reads it (docs/allocation.md). `pin_in`/`pin_out` are note
    references added to the policy's own must-include and must-exclude lists for this run."""
    notes = list(candidate_notes())
    references = {note.reference for note in notes}
    pin_in, pin_out = set(pin_in), set(pin_out)
    policy_in = {note.reference for note in policy.must_include.all()}
    policy_out = {note.reference for note in policy.must_exclude.all()}
    # A pin for this run overrides the policy's list; a note pinned both ways is left out.
    must_exclude = ((policy_out - pin_in) | pin_out) & references
    must_include = ((policy_in - pin_out) | pin_in) & references - must_exclude
    rules: dict[str, Any] = {
        "grant_min": str(policy.grant_min_usd),
        "reserve": str(policy.reserve_usd + approved_awaiting_programme()),
        "must_include": sorted(must_include),
        "must_exclude": sorted(must_exclude),
    }
    if policy.thematic_area_shares:
        rules["thematic_area_share"] = policy.thematic_area_shares
    if policy.grant_max_usd is not None:
        rules["grant_max"] = str(policy.grant_max_usd)
    for field in ("region_share_max", "country_share_max"):
        if getattr(policy, field) is not None:
            rules[field] = str(getattr(policy, field))
    return {
        "pools": pools_as_of(policy),
        "notes": [candidate_input(note, policy) for note in notes],
        "rules": rules,
    }


def approved_awaiting_programme() -> Decimal:
    """USD approved for notes that are not Joint Programmes yet: still in the pools, but
    promised, so kept out of what a round may allocate."""
    return exact_total(
        SteeringCommitteeDecision.objects.filter(
            kind=DecisionKind.APPROVE, concept_note__state=ConceptNoteState.APPROVED
        ),
        "amount_usd",
    )


def latest_proposal(allocation_round: AllocationRound) -> Proposal | None:
    return allocation_round.proposals.first()


def find_round(name_or_id: str) -> AllocationRound | None:
    rounds = AllocationRound.objects.select_related("policy")
    if name_or_id.isdigit():
        found = rounds.filter(pk=int(name_or_id)).first()
        if found is not None:
            return found
    return rounds.filter(name=name_or_id).first()


def portfolio_by_thematic_area() -> dict[int, Decimal]:
    """What the Fund has already committed per thematic area (by number): the budgets of Joint
    Programmes and the approved amounts of notes approved but not yet Joint Programmes."""
    programmes = exact_totals_by(
        JointProgramme.objects.all(), "thematic_area__number", field="budget_usd"
    )
    approved = exact_totals_by(
        SteeringCommitteeDecision.objects.filter(
            kind=DecisionKind.APPROVE, concept_note__state=ConceptNoteState.APPROVED
        ),
        "concept_note__thematic_area__number",
        field="amount_usd",
    )
    areas = ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE)
    return {
        number: programmes.get(number, Decimal(0)) + approved.get(number, Decimal(0))
        for number in areas.order_by("number").values_list("number", flat=True)
    }
