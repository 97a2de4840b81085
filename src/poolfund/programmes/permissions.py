"""Who may move concept notes and run Joint Programmes. The transition rules are generated
from the state machine in `workflow.py`, so the table there is the one truth."""

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import active_role_assignments, holds_role, permission
from poolfund.programmes.selectors import is_proponent
from poolfund.programmes.workflow import PROPONENTS, TRANSITIONS, Transition


def holds_any(user, roles) -> bool:
    return any(holds_role(user, role) for role in roles)


def transition_rule(transition: Transition):
    def rule(user, note=None) -> bool:
        if not holds_any(user, transition.roles):
            return False
        if transition.for_proponents and note is not None:
            return is_proponent(user, note)
        return True

    return rule


def declare_transition_permissions() -> None:
    """One permission per transition service (both screenings share `screen_concept_note`)."""
    declared: set[str] = set()
    for transition in TRANSITIONS:
        if transition.permission not in declared:
            declared.add(transition.permission)
            permission(transition.permission, transition.description, roles=transition.roles)(
                transition_rule(transition)
            )


declare_transition_permissions()


@permission(
    "programmes.draft_concept_note",
    "draft a concept note for their organisation or country",
    roles=PROPONENTS,
)
def draft_concept_note(user, obj=None) -> bool:
    return holds_any(user, PROPONENTS)


@permission(
    "programmes.revise_concept_note",
    "change a draft or returned concept note of their organisation or country",
    roles=PROPONENTS,
)
def revise_concept_note(user, note=None) -> bool:
    return holds_any(user, PROPONENTS) and (note is None or is_proponent(user, note))


CONCEPT_NOTE_READERS = (Role.FMU, Role.STEERING_COMMITTEE, *PROPONENTS)


@permission(
    "programmes.view_pipeline",
    "see the concept-note board (the FMU and the Steering Committee every note, "
    "focal points their own)",
    roles=CONCEPT_NOTE_READERS,
)
def view_pipeline(user, obj=None) -> bool:
    return holds_any(user, CONCEPT_NOTE_READERS)


@permission(
    "programmes.revise_budget",
    "record a budget revision or a no-cost extension of a Joint Programme",
    roles=(Role.FMU,),
)
def revise_budget(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "programmes.decide_budget_revision",
    "approve or reject a budget revision above the threshold (a Steering Committee decision)",
    roles=(Role.STEERING_COMMITTEE,),
)
def decide_budget_revision(user, obj=None) -> bool:
    return holds_role(user, Role.STEERING_COMMITTEE)


@permission(
    "programmes.close_programme",
    "close a Joint Programme operationally and financially, and return unspent balances",
    roles=(Role.FMU,),
)
def close_programme(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "programmes.record_programme",
    "record a Joint Programme approved before PoolFund (brought in from the Fund's spreadsheets)",
    roles=(Role.FMU,),
)
def record_programme(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "programmes.transfer_funds",
    "transfer money from the Fund to a participating organisation for a Joint Programme",
    roles=(Role.FMU,),
)
def transfer_funds(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


def speaks_for_organisation(user, organisation_id: int | None) -> bool:
    return any(
        assignment.role == Role.ORGANISATION_FOCAL_POINT
        and assignment.organisation_id == organisation_id
        for assignment in active_role_assignments(user)
    )


@permission(
    "programmes.record_expenditure",
    "report expenditure of a Joint Programme (focal points for their own organisation)",
    roles=(Role.FMU, Role.ORGANISATION_FOCAL_POINT),
)
def record_expenditure(user, programme_and_organisation=None) -> bool:
    if holds_role(user, Role.FMU):
        return True
    if programme_and_organisation is None:
        return holds_role(user, Role.ORGANISATION_FOCAL_POINT)
    _programme, organisation = programme_and_organisation
    return speaks_for_organisation(user, organisation.pk)


@permission(
    "programmes.report_results",
    "define the results framework of a Joint Programme and report progress against it",
    roles=(Role.FMU, Role.ORGANISATION_FOCAL_POINT),
)
def report_results(user, programme=None) -> bool:
    if holds_role(user, Role.FMU):
        return True
    if programme is None:
        return holds_role(user, Role.ORGANISATION_FOCAL_POINT)
    return any(
        speaks_for_organisation(user, line.organisation_id) for line in programme.budget_lines.all()
    )
