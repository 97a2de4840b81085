"""A Joint Programme made from an approved concept note."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.programmes.choices import DecisionKind
from poolfund.programmes.errors import BudgetRuleBroken, InvalidConceptNote
from poolfund.programmes.models import (
    ConceptNote,
    JointProgramme,
    ProgrammeObjective,
)
from poolfund.programmes.services.budget_lines import (
    create_budget_lines,
    default_indirect_cost_rate,
    split_approved_amount,
)
from poolfund.programmes.services.transitions import move_concept_note
from poolfund.reporting.services import regenerate_calendar


@transaction.atomic
def create_joint_programme(
    *,
    actor: User,
    note: ConceptNote,
    code: str,
    starts_on: date,
    ends_on: date,
    indirect_cost_rate: Decimal | None = None,
) -> JointProgramme:
    """Make the approved concept note a Joint Programme with the approved budget split by
    organisation, each share's indirect cost shown apart."""
    code = code.strip()
    note = move_concept_note(
        actor=actor,
        note=note,
        transition_name="create-joint-programme",
        reason=f"Joint Programme {code} created",
    )
    if not code:
        raise InvalidConceptNote(gettext("A Joint Programme needs a code."))
    if JointProgramme.objects.filter(code=code).exists():
        raise InvalidConceptNote(
            gettext("The code %(code)s is already used by another Joint Programme.")
            % {"code": code}
        )
    if ends_on <= starts_on:
        raise InvalidConceptNote(gettext("A Joint Programme ends after it starts."))
    rate = default_indirect_cost_rate() if indirect_cost_rate is None else indirect_cost_rate
    if not Decimal(0) <= rate < 1:
        raise BudgetRuleBroken(gettext("The indirect cost rate is a fraction between 0 and 1."))
    approval = note.decisions.filter(kind=DecisionKind.APPROVE).latest("decided_at")
    programme = JointProgramme.objects.create(
        code=code,
        title=note.title,
        description=note.summary,
        concept_note=note,
        thematic_area=note.thematic_area,
        budget_usd=approval.amount_usd,
        indirect_cost_rate=rate,
        starts_on=starts_on,
        ends_on=ends_on,
        source=f"Concept note {note.reference}, approved in {approval.allocation_round}",
    )
    programme.countries.set(note.countries.all())
    programme.regional_bodies.set(note.regional_bodies.all())
    ProgrammeObjective.objects.bulk_create(
        ProgrammeObjective(programme=programme, objective=objective)
        for objective in note.objectives.all()
    )
    requested = [(line.organisation, line.amount_usd) for line in note.budget_lines.all()]
    create_budget_lines(programme, split_approved_amount(requested, approval.amount_usd), rate)
    record_event(
        actor=actor,
        action=AuditAction.CREATE,
        instance=programme,
        reason=f"from concept note {note.reference}",
    )
    regenerate_calendar(programme=programme, actor_label=f"reporting calendar of {code}")
    return programme
