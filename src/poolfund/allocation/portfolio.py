"""Exact (Decimal) arithmetic on a proposed portfolio: which pool pays each dollar, and how far
each rule is from breaking. The optimiser works in floats; every figure it returns is checked
here."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from poolfund.allocation.round import (
    DIMENSIONS,
    Note,
    NoteId,
    RoundInput,
    ShareRule,
    cents_down,
)

Amounts = dict[NoteId, Decimal]

BUDGET_FAMILIES = frozenset({"pool", "reserve"})


@dataclass(frozen=True)
class RuleCheck:
    name: str
    family: str
    """`pool`, `reserve` or a share rule's family (`thematic_area_share`, ...)."""
    unit: str
    """What `limit` and `value` are in: `USD` or `share` (of the total allocated)."""
    limit: Decimal
    value: Decimal
    slack: Decimal
    """In USD: how much room is left before the rule breaks; negative when it is broken."""

    @property
    def is_budget(self) -> bool:
        return self.family in BUDGET_FAMILIES


def split_across_pools(
    allocation_round: RoundInput, amounts: Amounts
) -> tuple[dict[NoteId, dict[NoteId, Decimal]], dict[NoteId, Decimal]]:
    """Pay each note from the pools earmarked to its thematic area first, then from unearmarked
    money. Earmarked money can pay nothing else, so this never needs more unearmarked money than
    any other split. Returns (amount per pool for each note, spent per pool); money no pool can
    cover is charged to the note's last eligible pool, which then shows as overspent."""
    remaining = {pool.id: pool.amount for pool in allocation_round.pools}
    spent = dict.fromkeys(remaining, Decimal(0))
    notes = {note.id: note for note in allocation_round.notes}
    paid_by: dict[NoteId, dict[NoteId, Decimal]] = {}
    for note_id, amount in amounts.items():
        area = notes[note_id].thematic_area
        eligible = [p for p in allocation_round.pools if p.thematic_area == area] + [
            p for p in allocation_round.pools if p.thematic_area is None
        ]
        shares: dict[NoteId, Decimal] = {}
        due = amount
        for pool in eligible:
            part = min(due, remaining[pool.id])
            if part > 0:
                shares[pool.id] = part
                remaining[pool.id] -= part
                due -= part
        if due > 0 and eligible:
            last = eligible[-1].id
            shares[last] = shares.get(last, Decimal(0)) + due
            remaining[last] -= due
        for pool_id, part in shares.items():
            spent[pool_id] += part
        paid_by[note_id] = shares
    return paid_by, spent


def group_totals(allocation_round: RoundInput, amounts: Amounts) -> dict[tuple, Decimal]:
    """The amount given to each (dimension, group), e.g. ("region", "Americas")."""
    notes = {note.id: note for note in allocation_round.notes}
    totals: dict[tuple, Decimal] = defaultdict(Decimal)
    for note_id, amount in amounts.items():
        note = notes[note_id]
        for dimension in DIMENSIONS:
            totals[(dimension, note.group(dimension))] += amount
    return totals


def share_check(rule: ShareRule, group_amount: Decimal, total: Decimal) -> RuleCheck:
    return RuleCheck(
        name=rule.name,
        family=rule.family,
        unit="share",
        limit=rule.share,
        value=(group_amount / total).quantize(Decimal("0.000001")) if total else Decimal(0),
        slack=cents_down(rule.slack(group_amount=group_amount, total=total)),
    )


def check_rules(allocation_round: RoundInput, amounts: Amounts) -> list[RuleCheck]:
    """Every pool, the reserve and every share rule, with its slack for this portfolio."""
    _, spent = split_across_pools(allocation_round, amounts)
    total = sum(amounts.values(), Decimal(0))
    checks = [
        RuleCheck(
            name=f"pool:{pool.id}",
            family="pool",
            unit="USD",
            limit=pool.amount,
            value=spent[pool.id],
            slack=pool.amount - spent[pool.id],
        )
        for pool in allocation_round.pools
    ]
    checks.append(
        RuleCheck(
            name="reserve",
            family="reserve",
            unit="USD",
            limit=allocation_round.budget,
            value=total,
            slack=allocation_round.budget - total,
        )
    )
    totals = group_totals(allocation_round, amounts)
    checks += [
        share_check(rule, totals[(rule.dimension, rule.group)], total)
        for rule in allocation_round.rules.shares
    ]
    return checks


def broken_rules(allocation_round: RoundInput, amounts: Amounts) -> list[str]:
    """The names of the rules the portfolio breaks, including each note's own limits."""
    rules = allocation_round.rules
    broken = [check.name for check in check_rules(allocation_round, amounts) if check.slack < 0]
    for note in allocation_round.notes:
        amount = amounts.get(note.id)
        if amount is None:
            if note.id in rules.must_include:
                broken.append(f"must_include:{note.id}")
        elif note.id in rules.must_exclude:
            broken.append(f"must_exclude:{note.id}")
        elif allocation_round.ineligibility(note) or not (
            allocation_round.floor(note) <= amount <= allocation_round.ceiling(note)
        ):
            broken.append(f"grant:{note.id}")
    return broken


class Additions:
    """Which rules adding one more note to a portfolio would break, checked exactly and fast
    enough to ask for every note left out of a round of thousands."""

    def __init__(self, allocation_round: RoundInput, amounts: Amounts) -> None:
        self.round = allocation_round
        _, spent = split_across_pools(allocation_round, amounts)
        self.remaining = {pool.id: pool.amount - spent[pool.id] for pool in allocation_round.pools}
        self.total = sum(amounts.values(), Decimal(0))
        self.groups = group_totals(allocation_round, amounts)

    def broken_by(self, note: Note, amount: Decimal) -> list[str]:
        """The same names `check_rules` gives, for the portfolio with `note` added at `amount`
        (paid, as in `split_across_pools`, from what its eligible pools have left)."""
        eligible = [p.id for p in self.round.pools if p.thematic_area in (None, note.thematic_area)]
        broken = []
        if amount > sum((self.remaining[pool_id] for pool_id in eligible), Decimal(0)):
            broken += [f"pool:{pool_id}" for pool_id in eligible]
        total = self.total + amount
        if total > self.round.budget:
            broken.append("reserve")
        for rule in self.round.rules.shares:
            group_amount = self.groups[(rule.dimension, rule.group)]
            if rule.covers(note):
                group_amount += amount
            if rule.slack(group_amount=group_amount, total=total) < 0:
                broken.append(rule.name)
        return broken


def objective_value(allocation_round: RoundInput, amounts: Amounts) -> Decimal:
    notes = {note.id: note for note in allocation_round.notes}
    value = sum(
        (notes[note_id].score * amount / notes[note_id].requested)
        for note_id, amount in amounts.items()
    )
    return Decimal(value).quantize(Decimal("0.000001"))
