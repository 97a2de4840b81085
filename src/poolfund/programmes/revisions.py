"""Budget revisions and no-cost extensions of a Joint Programme, each its own dated record
with the programme as it was before and after.

A budget revision moves money between organisations' shares or between the UNDG expenditure
categories of a share; the programme's budget stays the same. A revision moving more than
`POOLFUND_BUDGET_REVISION_THRESHOLD` (20% by default) of the budget waits for a Steering
Committee decision (`decide_budget_revision`) before it applies."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext, pgettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import Conflict, DomainError
from poolfund.programmes.calendar_link import follow_new_end_date
from poolfund.programmes.choices import (
    BudgetRevisionState,
    DecisionKind,
    ExpenditureCategory,
    JointProgrammeStatus,
)
from poolfund.programmes.models import (
    BudgetCategoryLine,
    BudgetMove,
    BudgetRevision,
    JointProgramme,
    NoCostExtension,
    ParticipatingOrganisation,
    ProgrammeBudgetLine,
    SteeringCommitteeDecision,
)
from poolfund.programmes.selectors import returned_by_organisation, transferred_by_organisation
from poolfund.programmes.services.budget_lines import split_indirect_cost

UNCATEGORISED = ""
"""The part of an organisation's share not yet planned by expenditure category."""

OPEN_STATUSES = (JointProgrammeStatus.ACTIVE, JointProgrammeStatus.NO_COST_EXTENSION)


class InvalidRevision(DomainError):
    code = "invalid_revision"


class RevisionNotPending(Conflict):
    code = "revision_not_pending"


class InvalidExtension(DomainError):
    code = "invalid_extension"


def revision_threshold() -> Decimal:
    return Decimal(str(getattr(settings, "POOLFUND_BUDGET_REVISION_THRESHOLD", "0.20")))


@dataclass(frozen=True)
class Move:
    """An amount moved from one organisation's category to another's (UNCATEGORISED: the
    part of the share not yet by category)."""

    from_organisation: ParticipatingOrganisation
    to_organisation: ParticipatingOrganisation
    amount_usd: Decimal
    from_category: str = UNCATEGORISED
    to_category: str = UNCATEGORISED

    @property
    def only_classifies(self) -> bool:
        """Planning part of a share by category (or undoing it) moves no money."""
        return self.from_organisation == self.to_organisation and UNCATEGORISED in (
            self.from_category,
            self.to_category,
        )


Cells = dict[tuple[str, str], Decimal]
"""(organisation acronym, category or UNCATEGORISED) → USD."""


def budget_cells(programme: JointProgramme) -> Cells:
    cells: Cells = {}
    lines = programme.budget_lines.select_related("organisation").prefetch_related("category_lines")
    for line in lines:
        acronym = line.organisation.acronym
        planned = Decimal(0)
        for category_line in line.category_lines.all():
            cells[(acronym, category_line.category)] = category_line.amount_usd
            planned += category_line.amount_usd
        cells[(acronym, UNCATEGORISED)] = line.total_usd - planned
    return cells


def split_of(cells: Cells) -> dict[str, dict]:
    """The budget split as stored in a revision's `before` and `after`."""
    split: dict[str, dict] = defaultdict(lambda: {"total": Decimal(0), "categories": {}})
    for (acronym, category), amount in sorted(cells.items()):
        split[acronym]["total"] += amount
        if category != UNCATEGORISED and amount:
            split[acronym]["categories"][category] = str(amount)
    return {
        acronym: {"total": str(part["total"]), "categories": part["categories"]}
        for acronym, part in split.items()
    }


def category_label(category: str) -> str:
    if category == UNCATEGORISED:
        return "not yet by category"
    return str(ExpenditureCategory(category).label)


def moved_cells(programme: JointProgramme, moves: Sequence[Move]) -> Cells:
    """The cells after the moves; refuses a move out of a cell that does not hold enough, or
    a share that would fall below what the organisation has already received."""
    if not moves:
        raise InvalidRevision(
            gettext("A budget revision moves some money."), fields={"moves": gettext("empty")}
        )
    cells = budget_cells(programme)
    sharing = {acronym for acronym, _category in cells}
    categories = {UNCATEGORISED, *ExpenditureCategory.values}
    for move in moves:
        for organisation in (move.from_organisation, move.to_organisation):
            if organisation.acronym not in sharing:
                raise InvalidRevision(
                    gettext("%(organisation)s has no share of %(code)s's budget.")
                    % {"organisation": organisation, "code": programme.code},
                    fields={"organisation": gettext("no share")},
                )
        if move.from_category not in categories or move.to_category not in categories:
            raise InvalidRevision(
                gettext("Unknown expenditure category."), fields={"category": gettext("unknown")}
            )
        if move.amount_usd <= 0:
            raise InvalidRevision(
                gettext("A move is a positive amount."), fields={"amount_usd": "≤ 0"}
            )
        source = (move.from_organisation.acronym, move.from_category)
        target = (move.to_organisation.acronym, move.to_category)
        if source == target:
            raise InvalidRevision(
                gettext("A move goes to another organisation or category."),
                fields={"to": gettext("same")},
            )
        held = cells.get(source, Decimal(0))
        if move.amount_usd > held:
            raise InvalidRevision(
                gettext(
                    "%(organisation)s has USD %(held)s (%(category)s); USD %(amount)s cannot "
                    "move from there."
                )
                % {
                    "organisation": move.from_organisation,
                    "held": f"{held:,.2f}",
                    "category": category_label(move.from_category),
                    "amount": f"{move.amount_usd:,.2f}",
                },
                fields={"amount_usd": gettext("more than the budget line holds")},
            )
        cells[source] = held - move.amount_usd
        cells[target] = cells.get(target, Decimal(0)) + move.amount_usd
    require_shares_cover_transfers(programme, cells)
    return cells


def require_shares_cover_transfers(programme: JointProgramme, cells: Cells) -> None:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for (acronym, _category), amount in cells.items():
        totals[acronym] += amount
    transferred = transferred_by_organisation(programme)
    returned = returned_by_organisation(programme)
    for line in programme.budget_lines.select_related("organisation"):
        received = transferred.get(line.organisation_id, Decimal(0)) - returned.get(
            line.organisation_id, Decimal(0)
        )
        if totals[line.organisation.acronym] < received:
            raise InvalidRevision(
                gettext(
                    "%(organisation)s has already received USD %(received)s for %(code)s; its "
                    "share cannot fall below that."
                )
                % {
                    "organisation": line.organisation,
                    "received": f"{received:,.2f}",
                    "code": programme.code,
                },
                fields={"amount_usd": gettext("below what was transferred")},
            )


def apply_cells(programme: JointProgramme, cells: Cells) -> None:
    """Write the new split to the budget lines (each total split again into direct and
    indirect cost at the programme's rate) and their category lines."""
    for line in ProgrammeBudgetLine.objects.select_for_update().filter(programme=programme):
        acronym = line.organisation.acronym
        mine = {category: amount for (owner, category), amount in cells.items() if owner == acronym}
        total = sum(mine.values(), Decimal(0))
        if total != line.total_usd:
            line.direct_cost_usd, line.indirect_cost_usd = split_indirect_cost(
                total, programme.indirect_cost_rate
            )
            line.save(update_fields=["direct_cost_usd", "indirect_cost_usd"])
        line.category_lines.all().delete()
        BudgetCategoryLine.objects.bulk_create(
            BudgetCategoryLine(budget_line=line, category=category, amount_usd=amount)
            for category, amount in sorted(mine.items())
            if category != UNCATEGORISED and amount
        )


def locked_open_programme(programme: JointProgramme) -> JointProgramme:
    programme = JointProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.status not in OPEN_STATUSES:
        raise Conflict(
            gettext("%(code)s is %(status)s: its budget and dates no longer change.")
            % {"code": programme.code, "status": programme.get_status_display().lower()}
        )
    return programme


def required_text(value: str, field: str, message: str) -> str:
    """The text stripped; `message` (what to give) is the refusal when it is empty."""
    if not value or not value.strip():
        raise InvalidRevision(message, fields={field: pgettext("a form field", "required")})
    return value.strip()


@transaction.atomic
def revise_budget(
    *,
    actor: User,
    programme: JointProgramme,
    moves: Sequence[Move],
    effective_on: date,
    reason: str,
) -> BudgetRevision:
    """Record a budget revision (Fund Management Unit). It applies at once when it moves at
    most the threshold's share of the budget, else it waits for the Steering Committee."""
    require(actor, "programmes.revise_budget", programme)
    reason = required_text(reason, "reason", gettext("Give the reason for the revision."))
    programme = locked_open_programme(programme)
    if programme.budget_revisions.filter(state=BudgetRevisionState.AWAITING_DECISION).exists():
        raise RevisionNotPending(
            gettext(
                "A revision of %(code)s awaits the Steering Committee's decision; record the "
                "next one after it is decided."
            )
            % {"code": programme.code}
        )
    before = budget_cells(programme)
    after = moved_cells(programme, moves)
    moved = sum((move.amount_usd for move in moves if not move.only_classifies), Decimal(0))
    threshold = revision_threshold()
    needs_decision = moved > threshold * programme.budget_usd
    revision = BudgetRevision.objects.create(
        programme=programme,
        effective_on=effective_on,
        reason=reason,
        moved_usd=moved,
        threshold=threshold,
        state=BudgetRevisionState.AWAITING_DECISION
        if needs_decision
        else BudgetRevisionState.APPLIED,
        before=split_of(before),
        after=split_of(after),
        recorded_by=actor,
    )
    BudgetMove.objects.bulk_create(
        BudgetMove(
            revision=revision,
            from_organisation=move.from_organisation,
            from_category=move.from_category,
            to_organisation=move.to_organisation,
            to_category=move.to_category,
            amount_usd=move.amount_usd,
        )
        for move in moves
    )
    if not needs_decision:
        apply_cells(programme, after)
    record_event(actor=actor, action=AuditAction.CREATE, instance=revision, reason=reason)
    return revision


def moves_of(revision: BudgetRevision) -> list[Move]:
    return [
        Move(
            from_organisation=move.from_organisation,
            from_category=move.from_category,
            to_organisation=move.to_organisation,
            to_category=move.to_category,
            amount_usd=move.amount_usd,
        )
        for move in revision.moves.select_related("from_organisation", "to_organisation")
    ]


@transaction.atomic
def decide_budget_revision(
    *, actor: User, revision: BudgetRevision, approve: bool, reason: str
) -> BudgetRevision:
    """The Steering Committee approves (then it applies) or rejects a revision above the
    threshold; the decision is a `SteeringCommitteeDecision` with its reason."""
    require(actor, "programmes.decide_budget_revision", revision)
    reason = required_text(reason, "reason", gettext("Give the reason for the decision."))
    revision = BudgetRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != BudgetRevisionState.AWAITING_DECISION:
        raise RevisionNotPending(
            gettext("This revision is %(state)s; it awaits no decision.")
            % {"state": revision.get_state_display().lower()}
        )
    programme = locked_open_programme(revision.programme)
    before = snapshot(revision)
    if approve:
        # Transfers may have been made meanwhile: the moves are checked again.
        apply_cells(programme, moved_cells(programme, moves_of(revision)))
    decision = SteeringCommitteeDecision.objects.create(
        kind=DecisionKind.APPROVE_REVISION if approve else DecisionKind.REJECT_REVISION,
        reason=reason,
        decided_by=actor,
    )
    revision.decision = decision
    revision.state = BudgetRevisionState.APPLIED if approve else BudgetRevisionState.REJECTED
    revision.save(update_fields=["decision", "state"])
    record_event(actor=actor, action=AuditAction.CREATE, instance=decision, reason=reason)
    record_event(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=revision,
        before=before,
        reason=reason,
    )
    return revision


@transaction.atomic
def extend_programme(
    *,
    actor: User,
    programme: JointProgramme,
    new_end: date,
    reason: str,
    approved_by: str,
    approved_on: date,
) -> NoCostExtension:
    """Record a no-cost extension (Fund Management Unit): a later end date, no money added,
    who approved it and why. The reporting calendar follows the new end date."""
    require(actor, "programmes.revise_budget", programme)
    reason = required_text(reason, "reason", gettext("Give the reason for the extension."))
    approved_by = required_text(
        approved_by, "approved_by", gettext("Give who approved the extension.")
    )
    programme = locked_open_programme(programme)
    if programme.ends_on is None:
        raise InvalidExtension(
            gettext("%(code)s's end date is not recorded, so it cannot be extended.")
            % {"code": programme.code},
            fields={"new_end": gettext("no end date to extend")},
        )
    if new_end <= programme.ends_on:
        raise InvalidExtension(
            gettext("%(code)s ends on %(day)s; an extension ends later.")
            % {"code": programme.code, "day": programme.ends_on},
            fields={"new_end": gettext("not after the current end date")},
        )
    before = snapshot(programme)
    extension = NoCostExtension.objects.create(
        programme=programme,
        previous_end=programme.ends_on,
        new_end=new_end,
        reason=reason,
        approved_by=approved_by,
        approved_on=approved_on,
        recorded_by=actor,
    )
    programme.ends_on = new_end
    programme.status = JointProgrammeStatus.NO_COST_EXTENSION
    programme.save(update_fields=["ends_on", "status"])
    record_event(actor=actor, action=AuditAction.CREATE, instance=extension, reason=reason)
    record_event(
        actor=actor, action=AuditAction.UPDATE, instance=programme, before=before, reason=reason
    )
    follow_new_end_date(actor=actor, programme=programme)
    return extension
