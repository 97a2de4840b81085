"""The concept-note state machine, as data: every allowed transition, from which states, to which
state, and who may make it. Services, permissions, the `concept-note-transitions` command and
docs/programme-cycle.md all read this one table."""

from dataclasses import dataclass

from poolfund.accounts.choices import Role
from poolfund.programmes.choices import ConceptNoteState as State

PROPONENTS = (Role.ORGANISATION_FOCAL_POINT, Role.GOVERNMENT_FOCAL_POINT)


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[State, ...]
    target: State
    roles: tuple[Role, ...]
    description: str
    service: str

    @property
    def permission(self) -> str:
        return f"programmes.{self.service}"

    @property
    def for_proponents(self) -> bool:
        """Made by the note's own organisations or governments, so scoped to the note."""
        return self.roles == PROPONENTS


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit",
        (State.DRAFT, State.RETURNED),
        State.SUBMITTED,
        PROPONENTS,
        "submit a concept note of their organisation or country",
        "submit_concept_note",
    ),
    Transition(
        "screen-eligible",
        (State.SUBMITTED,),
        State.SCREENED,
        (Role.FMU,),
        "screen a submitted concept note as eligible",
        "screen_concept_note",
    ),
    Transition(
        "screen-not-eligible",
        (State.SUBMITTED,),
        State.NOT_ELIGIBLE,
        (Role.FMU,),
        "screen a submitted concept note as not eligible, with reasons",
        "screen_concept_note",
    ),
    Transition(
        "score",
        (State.SCREENED, State.UNDER_REVIEW),
        State.UNDER_REVIEW,
        (Role.FMU, Role.STEERING_COMMITTEE),
        "score a screened concept note against the criteria",
        "score_concept_note",
    ),
    Transition(
        "prioritise",
        (State.UNDER_REVIEW,),
        State.IN_PIPELINE,
        (Role.STEERING_COMMITTEE,),
        "prioritise a reviewed concept note into the pipeline",
        "prioritise_concept_note",
    ),
    Transition(
        "approve",
        (State.IN_PIPELINE,),
        State.APPROVED,
        (Role.STEERING_COMMITTEE,),
        "approve a concept note for funding in a round, with an amount",
        "approve_concept_note",
    ),
    Transition(
        "create-joint-programme",
        (State.APPROVED,),
        State.JOINT_PROGRAMME,
        (Role.FMU,),
        "create the Joint Programme of an approved concept note",
        "create_joint_programme",
    ),
    Transition(
        "return",
        (State.SUBMITTED, State.SCREENED, State.UNDER_REVIEW, State.IN_PIPELINE),
        State.RETURNED,
        (Role.FMU, Role.STEERING_COMMITTEE),
        "return a concept note to its proponents for revision",
        "return_concept_note",
    ),
    Transition(
        "reject",
        (State.UNDER_REVIEW, State.IN_PIPELINE),
        State.REJECTED,
        (Role.STEERING_COMMITTEE,),
        "reject a reviewed concept note",
        "reject_concept_note",
    ),
    Transition(
        "withdraw",
        (
            State.DRAFT,
            State.SUBMITTED,
            State.SCREENED,
            State.UNDER_REVIEW,
            State.IN_PIPELINE,
            State.RETURNED,
        ),
        State.WITHDRAWN,
        PROPONENTS,
        "withdraw a concept note of their organisation or country",
        "withdraw_concept_note",
    ),
)

TRANSITIONS_BY_NAME = {transition.name: transition for transition in TRANSITIONS}

EDITABLE_STATES = (State.DRAFT, State.RETURNED)
PUBLISHED_STATES = (State.IN_PIPELINE, State.APPROVED, State.JOINT_PROGRAMME)
"""The pipeline is published after each Steering Committee meeting; earlier states are not."""


def transitions_from(state: str) -> list[Transition]:
    return [transition for transition in TRANSITIONS if state in transition.sources]


def transition_table() -> list[tuple[str, str, str, str]]:
    """(transition, from, to, roles) rows, as printed by the command and the docs."""
    return [
        (
            transition.name,
            ", ".join(str(State(source).label) for source in transition.sources),
            str(State(transition.target).label),
            ", ".join(str(Role(role).label) for role in transition.roles),
        )
        for transition in TRANSITIONS
    ]
