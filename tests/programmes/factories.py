"""People in each role, and concept notes brought to any state through the services."""

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from poolfund.accounts.choices import Role
from poolfund.accounts.models import User
from poolfund.allocation.models import AllocationRound
from poolfund.framework.models import Objective, ThematicArea
from poolfund.geo.models import Country
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.choices import Recommendation
from poolfund.programmes.models import (
    ConceptNote,
    ParticipatingOrganisation,
    ScoringCriterion,
)
from poolfund.programmes.services.concept_notes import ConceptNoteContent, draft_concept_note
from poolfund.programmes.services.joint_programmes import create_joint_programme
from poolfund.programmes.services.transitions import (
    approve_concept_note,
    prioritise_concept_note,
    reject_concept_note,
    return_concept_note,
    score_concept_note,
    screen_concept_note,
    submit_concept_note,
    withdraw_concept_note,
)
from tests.accounts.factories import UserFactory, user_with_role

_serial = itertools.count(1)


def organisation(acronym: str) -> ParticipatingOrganisation:
    return ParticipatingOrganisation.objects.get(acronym=acronym)


@dataclass
class Cast:
    """Everyone the cycle involves; the note drafted by `organisation` is IOM's, for Mexico."""

    organisation: User
    government: User
    other_organisation: User
    other_government: User
    fmu: User
    steering: User
    donor: User
    civil_society: User
    nobody: User

    @classmethod
    def create(cls) -> "Cast":
        return cls(
            organisation=user_with_role(
                Role.ORGANISATION_FOCAL_POINT, organisation=organisation("IOM")
            ),
            government=user_with_role(
                Role.GOVERNMENT_FOCAL_POINT, country=Country.objects.get(iso3="MEX")
            ),
            other_organisation=user_with_role(
                Role.ORGANISATION_FOCAL_POINT, organisation=organisation("UNHCR")
            ),
            other_government=user_with_role(
                Role.GOVERNMENT_FOCAL_POINT, country=Country.objects.get(iso3="PER")
            ),
            fmu=user_with_role(Role.FMU),
            steering=user_with_role(Role.STEERING_COMMITTEE),
            donor=user_with_role(Role.DONOR_FOCAL_POINT),
            civil_society=user_with_role(Role.CIVIL_SOCIETY),
            nobody=UserFactory(),
        )


def content(**overrides) -> ConceptNoteContent:
    """A valid note: Mexico, thematic area 2, objectives 7 and 23, IOM and UNICEF."""
    values = {
        "title": "Protection along the northern route",
        "summary": "Local authorities protect and assist migrants in transit.",
        "thematic_area": ThematicArea.objects.get(framework__code="gcm", number=2),
        "objectives": list(Objective.objects.filter(framework__code="gcm", number__in=[7, 23])),
        "requested_budget_usd": Decimal("1000000.00"),
        "budget_lines": [
            (organisation("IOM"), Decimal("600000.00")),
            (organisation("UNICEF"), Decimal("400000.00")),
        ],
        "duration_months": 24,
        "gender_marker": 2,
        "human_rights_marker": 2,
        "child_sensitivity_marker": 1,
        "countries": [Country.objects.get(iso3="MEX")],
    }
    values.update(overrides)
    return ConceptNoteContent(**values)


def allocation_round(envelope: Decimal | None = None) -> AllocationRound:
    return AllocationRound.objects.create(
        name=f"Round {next(_serial)}", decided_on=date(2024, 6, 1), envelope_usd=envelope
    )


def full_scores() -> dict[ScoringCriterion, Decimal]:
    return {
        criterion: Decimal(criterion.weight)
        for criterion in ScoringCriterion.objects.filter(is_active=True)
    }


def make(transition: str, *, actor: User, note: ConceptNote):
    """Attempt one transition with valid arguments."""
    reason = f"{transition} because the rules say so"
    if transition == "submit":
        return submit_concept_note(actor=actor, note=note)
    if transition.startswith("screen-"):
        return screen_concept_note(
            actor=actor, note=note, eligible=transition == "screen-eligible", reasons=reason
        )
    if transition == "score":
        return score_concept_note(
            actor=actor,
            note=note,
            points=full_scores(),
            recommendation=Recommendation.FUND,
            comment=reason,
        )
    if transition == "approve":
        return approve_concept_note(
            actor=actor,
            note=note,
            allocation_round=allocation_round(),
            amount_usd=Decimal("900000.00"),
            reason=reason,
        )
    if transition == "create-joint-programme":
        return create_joint_programme(
            actor=actor,
            note=note,
            code=f"JP-{next(_serial)}",
            starts_on=date(2025, 1, 1),
            ends_on=date(2026, 12, 31),
        )
    service = {
        "prioritise": prioritise_concept_note,
        "return": return_concept_note,
        "reject": reject_concept_note,
        "withdraw": withdraw_concept_note,
    }[transition]
    return service(actor=actor, note=note, reason=reason)


PATHS: dict[State, tuple[tuple[str, str], ...]] = {
    State.DRAFT: (),
    State.SUBMITTED: (("submit", "organisation"),),
    State.SCREENED: (("submit", "organisation"), ("screen-eligible", "fmu")),
    State.NOT_ELIGIBLE: (("submit", "organisation"), ("screen-not-eligible", "fmu")),
    State.UNDER_REVIEW: (
        ("submit", "organisation"),
        ("screen-eligible", "fmu"),
        ("score", "fmu"),
    ),
    State.IN_PIPELINE: (
        ("submit", "organisation"),
        ("screen-eligible", "fmu"),
        ("score", "fmu"),
        ("prioritise", "steering"),
    ),
    State.APPROVED: (
        ("submit", "organisation"),
        ("screen-eligible", "fmu"),
        ("score", "fmu"),
        ("prioritise", "steering"),
        ("approve", "steering"),
    ),
    State.JOINT_PROGRAMME: (
        ("submit", "organisation"),
        ("screen-eligible", "fmu"),
        ("score", "fmu"),
        ("prioritise", "steering"),
        ("approve", "steering"),
        ("create-joint-programme", "fmu"),
    ),
    State.RETURNED: (("submit", "organisation"), ("return", "fmu")),
    State.WITHDRAWN: (("withdraw", "organisation"),),
    State.REJECTED: (
        ("submit", "organisation"),
        ("screen-eligible", "fmu"),
        ("score", "fmu"),
        ("reject", "steering"),
    ),
}


def note_in(state: State, cast: Cast, **overrides) -> ConceptNote:
    note = draft_concept_note(actor=cast.organisation, content=content(**overrides))
    for transition, who in PATHS[state]:
        make(transition, actor=getattr(cast, who), note=note)
    note.refresh_from_db()
    assert note.state == state
    return note
