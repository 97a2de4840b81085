"""The baseline a person would follow in a spreadsheet: down the list by score, fund each note
as far as money and the share limits allow (read as envelopes of the budget), skip what does
not fit. The committee sees it beside the optimum to judge what optimisation buys."""

from collections import defaultdict
from decimal import Decimal

from poolfund.allocation.portfolio import Amounts
from poolfund.allocation.round import DIMENSIONS, RoundInput, cents_down


def greedy_portfolio(allocation_round: RoundInput) -> Amounts:
    rules = allocation_round.rules
    remaining = {pool.id: pool.amount for pool in allocation_round.pools}
    envelopes = {
        (rule.dimension, rule.group): cents_down(rule.share * allocation_round.budget)
        for rule in rules.shares
        if rule.bound == "max"
    }
    used: dict[tuple, Decimal] = defaultdict(Decimal)
    budget_left = allocation_round.budget
    ranked = sorted(
        (note for note in allocation_round.notes if note.id not in rules.must_exclude),
        key=lambda note: (note.id not in rules.must_include, -note.score),
    )
    amounts: Amounts = {}
    for note in ranked:
        if allocation_round.ineligibility(note):
            continue
        pools = [p for p in allocation_round.pools if p.thematic_area == note.thematic_area] + [
            p for p in allocation_round.pools if p.thematic_area is None
        ]
        groups = [(dimension, note.group(dimension)) for dimension in DIMENSIONS]
        room = min(
            allocation_round.ceiling(note),
            budget_left,
            sum((remaining[pool.id] for pool in pools), Decimal(0)),
            *(envelopes[group] - used[group] for group in groups if group in envelopes),
        )
        if room < allocation_round.floor(note):
            continue
        amounts[note.id] = room
        budget_left -= room
        for group in groups:
            used[group] += room
        due = room
        for pool in pools:
            part = min(due, remaining[pool.id])
            remaining[pool.id] -= part
            due -= part
    return amounts
