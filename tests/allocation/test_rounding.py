from decimal import Decimal

from poolfund.allocation.portfolio import broken_rules
from poolfund.allocation.round import read_round
from poolfund.allocation.rounding import repaired, rounded_to_cents


def two_notes_round(min_fraction):
    return read_round(
        {
            "pools": [{"id": "U", "amount": "1000"}],
            "notes": [
                {
                    "id": "a",
                    "thematic_area": 1,
                    "region": "R",
                    "requested": "1000",
                    "score": 9,
                    "min_fraction": min_fraction,
                },
                {
                    "id": "b",
                    "thematic_area": 2,
                    "region": "R",
                    "requested": "1000",
                    "score": 1,
                    "min_fraction": min_fraction,
                },
            ],
            "rules": {"thematic_area_share": {"1": {"max": "0.3333"}}},
        }
    )


def test_rounding_keeps_each_amount_within_its_note_limits():
    allocation_round = two_notes_round(min_fraction="0.5")
    notes = {note.id: note for note in allocation_round.notes}
    amounts = rounded_to_cents(allocation_round, notes, {"a": 499.996, "b": 1000.004})
    assert amounts == {"a": Decimal("500.00"), "b": Decimal("1000.00")}


def test_a_share_broken_by_a_cent_is_repaired_by_the_smallest_move():
    allocation_round = two_notes_round(min_fraction=0)
    notes = {note.id: note for note in allocation_round.notes}
    # TA1 may have 0.3333 of 1,000.00 = 333.30; a has a cent more and the pool is spent.
    broken = {"a": Decimal("333.31"), "b": Decimal("666.69")}
    assert broken_rules(allocation_round, broken) == ["thematic_area_share_max:1"]
    fixed = repaired(allocation_round, notes, broken)
    # One cent off a is not enough (the total falls too): two cents are.
    assert fixed == {"a": Decimal("333.29"), "b": Decimal("666.69")}
    assert broken_rules(allocation_round, fixed) == []


def test_all_or_nothing_notes_cannot_be_repaired():
    allocation_round = two_notes_round(min_fraction=1)
    notes = {note.id: note for note in allocation_round.notes}
    assert repaired(allocation_round, notes, {"a": Decimal("1000"), "b": Decimal("1000")}) is None
