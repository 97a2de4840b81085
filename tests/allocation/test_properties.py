"""Whatever the round, a proposal keeps every rule exactly and never spends more than a pool
holds."""

from collections import defaultdict
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from poolfund.allocation.engine import solve_round
from poolfund.allocation.portfolio import broken_rules
from poolfund.allocation.round import read_round, shipped_schema

AREAS = [1, 2, 3]
REGIONS = ["Americas", "Africa", "Asia"]


def money(low_cents: int, high_cents: int):
    return st.integers(low_cents, high_cents).map(lambda cents: f"{cents // 100}.{cents % 100:02d}")


# Requests of 10 to 10,000 USD against pools of 500 to 15,000: most rounds fund some notes and
# leave others out.
requested = money(1_000, 1_000_000)
pool_amount = money(50_000, 1_500_000)
share = st.sampled_from([0, 0.1, 0.2, 0.25, 0.3, 1 / 3, 0.4, 0.5, 0.6, 0.75, 1]).map(
    lambda value: round(value, 6)
)


@st.composite
def rounds(draw):
    pools = [
        {
            "id": f"P{index}",
            "amount": draw(pool_amount),
            "thematic_area": draw(st.sampled_from([None, None, *AREAS])),
        }
        for index in range(draw(st.integers(1, 3)))
    ]
    notes = [
        {
            "id": f"N{index}",
            "thematic_area": draw(st.sampled_from(AREAS)),
            "region": draw(st.sampled_from(REGIONS)),
            "country": draw(st.sampled_from(["MEX", "PER", "MAR", "PHL"])),
            "requested": draw(requested),
            "score": draw(st.integers(0, 100)),
            "min_fraction": draw(st.sampled_from([0, 0.25, 0.5, 0.7, 1])),
        }
        for index in range(draw(st.integers(1, 9)))
    ]
    rules = {}
    if draw(st.booleans()):
        rules["region_share_max"] = draw(share.filter(lambda value: value >= 0.3))
    if draw(st.booleans()):
        rules["country_share_max"] = draw(share.filter(lambda value: value >= 0.3))
    present = sorted({note["thematic_area"] for note in notes})
    if present and draw(st.booleans()):
        low = draw(st.sampled_from([0, 0.1, 0.2, 0.3]))
        rules["thematic_area_share"] = {
            str(area): {"min": low, "max": draw(share.filter(lambda value: value >= low))}
            for area in draw(st.sets(st.sampled_from(present), max_size=3))
        }
    total = sum(Decimal(pool["amount"]) for pool in pools)
    if draw(st.booleans()):
        rules["reserve"] = str(
            (total * draw(st.sampled_from([Decimal(0), Decimal("0.1"), Decimal("0.5")]))).quantize(
                Decimal("0.01")
            )
        )
    if draw(st.booleans()):
        rules["grant_min"] = draw(money(0, 200_000))
        rules["grant_max"] = str(Decimal(rules["grant_min"]) * draw(st.sampled_from([1, 2, 10])))
    if notes and draw(st.integers(0, 3)) == 0:
        rules["must_include"] = [notes[0]["id"]]
    if len(notes) > 1 and draw(st.booleans()):
        rules["must_exclude"] = [notes[-1]["id"]]
    return {"pools": pools, "notes": notes, "rules": rules, "options": {"time_limit": 10}}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_every_proposal_keeps_every_rule_and_never_overspends_a_pool(round_data):
    result = solve_round(round_data)
    Draft202012Validator(shipped_schema("result")).validate(result)
    allocation_round = read_round(round_data)
    pools = {pool.id: pool for pool in allocation_round.pools}
    notes = {note.id: note for note in allocation_round.notes}
    for proposal in (result, result["greedy"]):
        spent = defaultdict(Decimal)
        for item in proposal["selected"]:
            parts = [(part["pool"], Decimal(part["amount"])) for part in item["pools"]]
            assert sum(amount for _, amount in parts) == Decimal(item["amount"])
            for pool_id, amount in parts:
                assert pools[pool_id].thematic_area in (None, notes[item["id"]].thematic_area)
                spent[pool_id] += amount
        assert all(spent[pool_id] <= pool.amount for pool_id, pool in pools.items())
    if result["status"] == "infeasible":
        assert result["conflicts"] and result["message"]
        return
    amounts = {item["id"]: Decimal(item["amount"]) for item in result["selected"]}
    assert broken_rules(allocation_round, amounts) == []
    assert all(Decimal(check["slack"]) >= 0 for check in result["constraints"])
    # The optimum is never worse than the greedy baseline when the baseline keeps the rules.
    if result["greedy"]["status"] == "feasible" and result["gap"] == "0.000000":
        assert Decimal(result["objective_value"]) >= Decimal(result["greedy"]["objective_value"])
