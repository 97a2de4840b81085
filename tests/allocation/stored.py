"""A stored allocation round with notes in the pipeline, built through the services."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from poolfund.allocation.models import AllocationRound
from poolfund.allocation.services import set_round_policy
from poolfund.framework.models import ThematicArea
from poolfund.geo.models import Country
from poolfund.ledger.selectors import pool_balances
from poolfund.programmes.choices import ConceptNoteState
from poolfund.programmes.models import ConceptNote
from tests.programmes.factories import Cast, content, note_in

MONEY_AS_OF = date(2024, 8, 31)


def area(number: int) -> ThematicArea:
    return ThematicArea.objects.get(framework__code="gcm", number=number)


def countries(*iso3: str) -> list[Country]:
    return list(Country.objects.filter(iso3__in=iso3))


def pipeline_note(cast: Cast, *, requested: str, **overrides) -> ConceptNote:
    amount = Decimal(requested)
    half = (amount / 2).quantize(Decimal("0.01"))
    lines = content().budget_lines
    budget_lines = [(lines[0][0], amount - half), (lines[1][0], half)]
    return note_in(
        ConceptNoteState.IN_PIPELINE,
        cast,
        requested_budget_usd=amount,
        budget_lines=budget_lines,
        **overrides,
    )


def money_available() -> Decimal:
    return sum(
        (
            balance
            for pool, balance in pool_balances(as_of=MONEY_AS_OF)
            if balance > 0 and pool.country_id is None
        ),
        Decimal(0),
    )


@dataclass
class StoredRound:
    allocation_round: AllocationRound
    cast: Cast
    notes: list[ConceptNote]


def stored_round(cast: Cast, *, budget: Decimal = Decimal("1500000"), **settings) -> StoredRound:
    """Three 1,000,000 USD notes in the pipeline (areas 2, 2 and 4) and a round whose reserve
    leaves `budget` to allocate: with the default only one note fits."""
    notes = [pipeline_note(cast, requested="1000000") for _ in range(2)]
    notes.append(
        pipeline_note(
            cast,
            requested="1000000",
            thematic_area=area(4),
            objectives=list(area(4).objectives.all()[:1]),
        )
    )
    # Round names are unique; a test may build several rounds (the HTML-escaping sweep does).
    allocation_round = AllocationRound.objects.create(
        name=f"2024 call #{AllocationRound.objects.count() + 1}", decided_on=MONEY_AS_OF
    )
    set_round_policy(
        actor=cast.fmu,
        allocation_round=allocation_round,
        money_as_of=MONEY_AS_OF,
        reserve_usd=(money_available() - budget).quantize(Decimal("0.01")),
        **settings,
    )
    return StoredRound(allocation_round, cast, notes)
