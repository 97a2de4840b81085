"""From the solver's floats to cents that keep every rule exactly.

Rounding each amount to the nearest cent can leave a tight rule broken by a few cents (a pool
spent to the last cent, a share exactly at its limit). The repair moves cents between selected
notes, within their own limits, until no rule is broken, never changing which notes are chosen.
"""

from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal

from poolfund.allocation.portfolio import Amounts
from poolfund.allocation.round import CENT, DIMENSIONS, Note, RoundInput, cents_up

MOVES_EVALUATED_PER_STEP = 200


class Tally:
    """Running totals of a portfolio, enough to measure every rule's breach quickly."""

    def __init__(self, allocation_round: RoundInput, notes: dict, amounts: Amounts) -> None:
        self.round = allocation_round
        self.notes = notes
        self.total = Decimal(0)
        self.groups: dict[tuple, Decimal] = defaultdict(Decimal)
        self.earmarks = {
            area: allocation_round.earmarked_to(area)
            for area in {n.thematic_area for n in notes.values()}
        }
        for note_id, amount in amounts.items():
            self.add(notes[note_id], amount)

    def add(self, note: Note, amount: Decimal) -> None:
        self.total += amount
        for dimension in DIMENSIONS:
            self.groups[(dimension, note.group(dimension))] += amount

    def breach(self) -> Decimal:
        """The sum, in USD, by which the rules are broken (0 when none is)."""
        unearmarked_needed = sum(
            (
                max(Decimal(0), self.groups[("thematic_area", area)] - earmarked)
                for area, earmarked in self.earmarks.items()
            ),
            Decimal(0),
        )
        slacks = [
            self.round.unearmarked - unearmarked_needed,
            self.round.budget - self.total,
            *(
                rule.slack(group_amount=self.groups[(rule.dimension, rule.group)], total=self.total)
                for rule in self.round.rules.shares
            ),
        ]
        return sum((-slack for slack in slacks if slack < 0), Decimal(0))


def rounded_to_cents(
    allocation_round: RoundInput, notes: dict, raw: dict[object, float]
) -> Amounts:
    """Each amount to the nearest cent, kept within the note's own floor and ceiling."""
    amounts = {}
    for note_id, value in raw.items():
        note = notes[note_id]
        cents = Decimal(repr(value)).quantize(CENT, rounding=ROUND_HALF_EVEN)
        amounts[note_id] = min(
            max(cents, allocation_round.floor(note)), allocation_round.ceiling(note)
        )
    return amounts


def repaired(allocation_round: RoundInput, notes: dict, amounts: Amounts) -> Amounts | None:
    """The amounts with cents moved until no rule is broken, or None if no move helps."""
    amounts = dict(amounts)
    tally = Tally(allocation_round, notes, amounts)
    # Cheapest first: taking cents from the note with the lowest score per dollar costs least.
    order = sorted(amounts, key=lambda note_id: notes[note_id].value_per_usd)
    for _ in range(4 * len(amounts) + 20):
        breach = tally.breach()
        if breach == 0:
            return amounts
        best: tuple[Decimal, object, Decimal] | None = None
        evaluated = 0
        for note_id in order:
            if evaluated >= MOVES_EVALUATED_PER_STEP:
                break
            note = notes[note_id]
            room_down = amounts[note_id] - allocation_round.floor(note)
            room_up = allocation_round.ceiling(note) - amounts[note_id]
            if room_down <= 0 and room_up <= 0:
                continue
            evaluated += 1
            for step in _steps(breach):
                for change in (-min(step, room_down), min(step, room_up)):
                    if change == 0:
                        continue
                    tally.add(note, change)
                    after = tally.breach()
                    tally.add(note, -change)
                    if after < breach and (best is None or after < best[0]):
                        best = (after, note_id, change)
        if best is None:
            return None
        _, note_id, change = best
        amounts[note_id] += change
        tally.add(notes[note_id], change)
    return None


def _steps(breach: Decimal) -> list[Decimal]:
    """Candidate sizes of a move: one cent, the breach itself and the breach scaled up for a
    share rule (moving x changes a share rule's slack by x·(1 - share) or x·share)."""
    return sorted({CENT, cents_up(breach), cents_up(breach * 2), cents_up(breach * 10)})
