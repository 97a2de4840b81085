"""A demo allocation round for `make run`: concept notes brought through the programme cycle by
the demo logins (drafted by IOM's focal point, screened and scored by the FMU, prioritised by
the Steering Committee), and the round's policy, so the committee page shows a real proposal.
Loaded only where the demo logins exist (DEBUG on); idempotent. The notes are invented for the
demo: each summary says so."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from poolfund.accounts.models import User
from poolfund.allocation.models import AllocationRound
from poolfund.allocation.services import set_round_policy
from poolfund.framework.models import ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country
from poolfund.ledger.selectors import pool_balances
from poolfund.programmes.choices import Recommendation
from poolfund.programmes.models import (
    ParticipatingOrganisation,
    ScoringCriterion,
)
from poolfund.programmes.services.concept_notes import ConceptNoteContent, draft_concept_note
from poolfund.programmes.services.transitions import (
    prioritise_concept_note,
    score_concept_note,
    screen_concept_note,
    submit_concept_note,
)

ROUND_NAME = "2024 second call (demo)"
MONEY_AS_OF = date(2024, 8, 31)
BUDGET = Decimal("12000000")
"""What the round may allocate: the reserve keeps the rest of the pools."""
DRAFTER, REVIEWER, COMMITTEE = (
    "demo-organisation-focal-point",
    "demo-fmu",
    "demo-steering-committee",
)


@dataclass(frozen=True)
class DemoNote:
    title: str
    area: int
    countries: tuple[str, ...]
    requested: str
    partner: str
    quality: str
    """The share of each criterion's weight the reviewer gives (the score)."""
    prioritised: bool = True
    """In the pipeline (a candidate of the round), or left under review."""


NOTES = (
    DemoNote(
        "Labour migration data for Central America", 1, ("GTM", "HND"), "1800000", "ILO", "0.90"
    ),
    DemoNote("Migration statistics in the Sahel", 1, ("NGA",), "1500000", "UNFPA", "0.75"),
    DemoNote("Safe transit along the northern route", 2, ("MEX",), "2500000", "UNHCR", "0.95"),
    DemoNote("Search and rescue coordination", 2, ("MAR",), "2000000", "UNHCR", "0.80"),
    DemoNote("Protection of children on the move", 2, ("COL", "ECU"), "2200000", "UNICEF", "0.85"),
    DemoNote("Skills recognition for returning workers", 3, ("PHL",), "1600000", "ILO", "0.70"),
    DemoNote("Remittances and financial inclusion", 3, ("BGD",), "1400000", "UNDP", "0.88"),
    DemoNote("Decent work in seasonal agriculture", 3, ("PER",), "1200000", "FAO", "0.65"),
    DemoNote("Reintegration of returnees", 4, ("ETH",), "2400000", "UNDP", "0.82"),
    DemoNote("Consular protection network", 4, ("SLV", "GTM"), "1000000", "UNODC", "0.60"),
    DemoNote("Inclusive city services for migrants", 5, ("COL",), "1900000", "UN-Habitat", "0.92"),
    DemoNote("Countering xenophobia in the media", 5, ("MEX",), "900000", "OHCHR", "0.78"),
    DemoNote("Climate mobility in the Caribbean", 5, ("HND",), "2100000", "UNEP", "0.72", False),
    DemoNote("Health services at the border", 2, ("PER",), "1300000", "WHO", "0.68", False),
)


def demo_people() -> tuple[User, User, User] | None:
    people = User.objects.in_bulk([DRAFTER, REVIEWER, COMMITTEE], field_name="username")
    if len(people) < 3:
        return None
    return people[DRAFTER], people[REVIEWER], people[COMMITTEE]


def _content(note: DemoNote) -> ConceptNoteContent:
    area = ThematicArea.objects.get(framework__code=DEFAULT_FRAMEWORK_CODE, number=note.area)
    requested = Decimal(note.requested)
    iom_share = (requested * Decimal("0.6")).quantize(Decimal("0.01"))
    organisations = ParticipatingOrganisation.objects.in_bulk(
        ["IOM", note.partner], field_name="acronym"
    )
    return ConceptNoteContent(
        title=note.title,
        summary=f"{note.title}. A concept note invented for the demo allocation round.",
        thematic_area=area,
        objectives=list(area.objectives.order_by("number")[:1]),
        requested_budget_usd=requested,
        budget_lines=[
            (organisations["IOM"], iom_share),
            (organisations[note.partner], requested - iom_share),
        ],
        duration_months=24,
        gender_marker=2,
        human_rights_marker=2,
        child_sensitivity_marker=1,
        countries=list(Country.objects.filter(iso3__in=note.countries)),
    )


def _bring_through_the_cycle(note: DemoNote, drafter: User, reviewer: User, committee: User):
    concept_note = draft_concept_note(actor=drafter, content=_content(note))
    submit_concept_note(actor=drafter, note=concept_note)
    screen_concept_note(
        actor=reviewer, note=concept_note, eligible=True, reasons="Meets the eligibility criteria."
    )
    quality = Decimal(note.quality)
    score_concept_note(
        actor=reviewer,
        note=concept_note,
        points={
            criterion: (criterion.weight * quality).quantize(Decimal("0.01"))
            for criterion in ScoringCriterion.objects.filter(is_active=True)
        },
        recommendation=Recommendation.FUND,
        comment="Scored for the demo round.",
    )
    if note.prioritised:
        prioritise_concept_note(
            actor=committee, note=concept_note, reason="Prioritised for the second call of 2024."
        )


@transaction.atomic
def load_demo_round(write) -> None:
    """Create the demo round once, with its notes in the pipeline (and two under review)."""
    people = demo_people()
    if people is None:
        write("Demo allocation round skipped: it needs the demo logins (DEBUG on).")
        return
    if AllocationRound.objects.filter(name=ROUND_NAME).exists():
        write(f"Demo allocation round: {ROUND_NAME} (already loaded).")
        return
    drafter, reviewer, committee = people
    for note in NOTES:
        _bring_through_the_cycle(note, drafter, reviewer, committee)
    available = sum(
        (
            balance
            for pool, balance in pool_balances(as_of=MONEY_AS_OF)
            if balance > 0 and pool.country_id is None
        ),
        Decimal(0),
    )
    allocation_round = AllocationRound.objects.create(name=ROUND_NAME)
    set_round_policy(
        actor=reviewer,
        allocation_round=allocation_round,
        money_as_of=MONEY_AS_OF,
        thematic_area_shares={str(area): {"min": 0.1, "max": 0.35} for area in range(1, 6)},
        region_share_max=Decimal("0.6"),
        grant_max_usd=Decimal("2500000"),
        partial_funding_floor=Decimal("0.8"),
        reserve_usd=max(Decimal(0), available - BUDGET).quantize(Decimal("0.01")),
        reason="Demo round: 12 million USD for the second call of 2024.",
    )
    write(f"Demo allocation round: {ROUND_NAME}, {len(NOTES)} concept notes.")
