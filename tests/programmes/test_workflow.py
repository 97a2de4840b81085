"""Every concept-note transition: who may make it, from which states, and what it records."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from poolfund.audit.choices import AuditAction
from poolfund.audit.selectors import history_of
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.errors import IllegalTransition
from poolfund.programmes.services.transitions import ReasonRequired, withdraw_concept_note
from poolfund.programmes.workflow import TRANSITIONS, TRANSITIONS_BY_NAME
from tests.programmes.factories import make, note_in

pytestmark = pytest.mark.django_db

PEOPLE = (
    "organisation",
    "government",
    "other_organisation",
    "other_government",
    "fmu",
    "steering",
    "donor",
    "civil_society",
    "nobody",
)

# The rule, written out: who may make each transition on the IOM note for Mexico.
MAY = {
    "submit": {"organisation", "government"},
    "screen-eligible": {"fmu"},
    "screen-not-eligible": {"fmu"},
    "score": {"fmu", "steering"},
    "prioritise": {"steering"},
    "approve": {"steering"},
    "create-joint-programme": {"fmu"},
    "return": {"fmu", "steering"},
    "reject": {"steering"},
    "withdraw": {"organisation", "government"},
}


def test_the_rule_above_covers_every_transition_of_the_state_machine():
    assert set(MAY) == {transition.name for transition in TRANSITIONS}


@pytest.mark.parametrize(("transition", "who"), [(name, who) for name in MAY for who in PEOPLE])
def test_only_the_right_people_make_each_transition(cast, transition, who):
    source = TRANSITIONS_BY_NAME[transition].sources[0]
    note = note_in(source, cast)
    actor = getattr(cast, who)
    if who in MAY[transition]:
        make(transition, actor=actor, note=note)
        note.refresh_from_db()
        assert note.state == TRANSITIONS_BY_NAME[transition].target
    else:
        with pytest.raises(PermissionDenied):
            make(transition, actor=actor, note=note)
        note.refresh_from_db()
        assert note.state == source


ILLEGAL = [
    (transition.name, state)
    for transition in TRANSITIONS
    for state in State
    if state not in transition.sources
]


@pytest.mark.parametrize(("transition", "state"), ILLEGAL)
def test_a_transition_from_a_state_it_does_not_leave_is_refused(cast, transition, state):
    note = note_in(state, cast)
    allowed = getattr(cast, sorted(MAY[transition])[0])
    with pytest.raises(IllegalTransition, match=f"{note.reference} is"):
        make(transition, actor=allowed, note=note)
    note.refresh_from_db()
    assert note.state == state


def test_each_transition_is_recorded_with_who_and_why(cast):
    note = note_in(State.SCREENED, cast)
    transitions = [event for event in history_of(note) if event.action == AuditAction.TRANSITION]
    assert [(event.actor, event.changes["state"]) for event in reversed(transitions)] == [
        (cast.organisation, ["draft", "submitted"]),
        (cast.fmu, ["submitted", "screened"]),
    ]
    assert transitions[0].reason == "screen-eligible because the rules say so"


def test_a_withdrawal_without_a_reason_is_refused(cast):
    note = note_in(State.DRAFT, cast)
    with pytest.raises(ReasonRequired):
        withdraw_concept_note(actor=cast.organisation, note=note, reason="  ")


def test_scores_recommendations_and_decisions_are_kept_apart_with_their_reasons(cast):
    note = note_in(State.APPROVED, cast)
    assert note.screenings.get().reasons.startswith("screen-eligible")
    review = note.reviews.get()
    assert review.reviewer == cast.fmu
    assert review.total == 90  # the demo criteria weigh 35 + 25 + 15 + 15
    assert [(d.kind, d.decided_by) for d in note.decisions.all()] == [
        ("prioritise", cast.steering),
        ("approve", cast.steering),
    ]
    assert all(decision.reason for decision in note.decisions.all())


def test_the_state_machine_is_printed_by_a_command(capsys):
    call_command("concept_note_transitions", "--markdown")
    printed = capsys.readouterr().out
    assert "| approve | In pipeline | Approved for funding | Steering Committee member |" in printed


def test_the_documented_state_machine_is_the_one_in_the_code(capsys):
    from pathlib import Path

    call_command("concept_note_transitions", "--markdown")
    table = capsys.readouterr().out
    docs = Path(__file__).resolve().parents[2] / "docs" / "programme-cycle.md"
    assert table in docs.read_text(encoding="utf-8")


def test_an_organisation_focal_point_is_created_for_an_organisation(capsys):
    from poolfund.accounts.models import RoleAssignment

    call_command(
        "createuser",
        "iom-focal",
        "--role=organisation-focal-point",
        "--organisation=iom",
        "--password=a long enough passphrase",
    )
    assert RoleAssignment.objects.get(user__username="iom-focal").organisation.acronym == "IOM"
