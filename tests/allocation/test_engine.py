from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator

from poolfund.allocation.engine import FORCED_RE_SOLVE_TIME_LIMIT, solve_round
from poolfund.allocation.optimisation import RoundModel, Solution
from poolfund.allocation.round import InvalidRound, shipped_schema


def amounts(result, key="selected"):
    return {item["id"]: item["amount"] for item in result[key]}


def note(note_id, *, area=1, region="R", requested, score, min_fraction=0, **extra) -> dict:
    """A candidate note; partial funding allowed unless min_fraction says otherwise."""
    return {
        "id": note_id,
        "thematic_area": area,
        "region": region,
        "requested": requested,
        "score": score,
        "min_fraction": min_fraction,
        **extra,
    }


def test_small_round_reaches_the_hand_checked_optimum(small_round):
    result = solve_round(small_round)
    assert result["status"] == "optimal"
    assert result["objective_value"] == "22.000000"
    assert amounts(result) == {"B": "50.00", "C": "50.00", "D": "40.00"}
    assert result["allocated"] == result["budget"] == "140.00"


def test_optimisation_beats_the_greedy_baseline_and_says_by_how_much(small_round):
    greedy = solve_round(small_round)["greedy"]
    assert amounts(greedy) == {"A": "60.00", "C": "50.00"}
    assert greedy["objective_value"] == "19.000000"
    assert greedy["optimisation_gain"] == "3.000000"
    assert greedy["status"] == "feasible"


def test_earmarked_money_pays_only_its_own_thematic_area(small_round):
    selected = {item["id"]: item["pools"] for item in solve_round(small_round)["selected"]}
    assert [part["pool"] for part in selected["D"]] == ["unearmarked"]
    ta2_pool = [part for note in ("B", "C") for part in selected[note] if part["pool"] == "ta2"]
    assert sum(Decimal(part["amount"]) for part in ta2_pool) == Decimal("50")


def test_a_note_no_pool_may_pay_is_left_out_for_eligibility(small_round):
    small_round["pools"] = [{"id": "ta2", "amount": "500", "thematic_area": 2}]
    result = solve_round(small_round)
    reasons = {item["id"]: item["reason"] for item in result["left_out"]}
    assert reasons == {"A": "eligibility", "D": "eligibility"}
    assert amounts(result) == {"B": "50.00", "C": "50.00"}


def test_a_note_left_out_for_lack_of_money_names_the_pools_and_reserve(small_round):
    left_out = solve_round(small_round)["left_out"]
    assert left_out == [
        {
            "id": "A",
            "reason": "budget",
            "detail": left_out[0]["detail"],
            "rules": ["pool:unearmarked", "reserve"],
        }
    ]
    assert "falls from 22.000000 to about 19.000000" in left_out[0]["detail"]


def test_a_forced_re_solve_stopped_by_its_time_limit_gives_the_range_it_proved(
    small_round, monkeypatch
):
    """Before, a re-solve that ran out of time said nothing, and the detail ended in a space."""
    solve = RoundModel.solve

    def stopped_when_forced(model, *, time_limit, mip_rel_gap):
        solution = solve(model, time_limit=time_limit, mip_rel_gap=mip_rel_gap)
        if time_limit == FORCED_RE_SOLVE_TIME_LIMIT:
            return Solution("time_limit", solution.amounts, 0.05, 19.95)
        return solution

    monkeypatch.setattr(RoundModel, "solve", stopped_when_forced)
    (left_out,) = solve_round(small_round)["left_out"]
    assert left_out["detail"].endswith(
        "the best total score falls from 22.000000 to between 19.000000 and 19.950000."
    )


def test_a_note_that_fits_but_scores_nothing_is_left_out_for_its_score(small_round):
    small_round["notes"].append(note("E", area=3, requested="1", score=0, min_fraction=1))
    small_round["pools"][0]["amount"] = "1000"
    reasons = {item["id"]: item["reason"] for item in solve_round(small_round)["left_out"]}
    assert reasons["E"] == "no score"


def test_a_region_cap_keeps_a_note_out_as_a_balance_rule():
    round_data = {
        "pools": [{"id": "U", "amount": "1000"}],
        "notes": [
            note("big-americas", region="Americas", requested="300", score=90, min_fraction=1),
            note("africa", region="Africa", requested="100", score=10, min_fraction=1),
            note("small-americas", region="Americas", requested="100", score=80, min_fraction=1),
        ],
        "rules": {"region_share_max": 0.75},
    }
    result = solve_round(round_data)
    assert amounts(result) == {"big-americas": "300.00", "africa": "100.00"}
    (left_out,) = result["left_out"]
    assert left_out["id"] == "small-americas"
    assert left_out["reason"] == "balance rule"
    assert left_out["rules"] == ["region_share_max:Americas"]


def test_thematic_area_minimum_share_is_met_with_partial_funding():
    round_data = {
        "pools": [{"id": "U", "amount": "1000"}],
        "notes": [
            note("ta1", area=1, requested="1000", score=100),
            note("ta2", area=2, requested="1000", score=1),
        ],
        "rules": {"thematic_area_share": {"2": {"min": 0.25}}},
    }
    result = solve_round(round_data)
    # By hand: TA2 must get a quarter of the 1,000 allocated; the rest goes to the better note.
    assert amounts(result) == {"ta1": "750.00", "ta2": "250.00"}
    assert result["objective_value"] == "75.250000"


def test_target_share_with_tolerance_bounds_the_area_on_both_sides():
    round_data = {
        "pools": [{"id": "U", "amount": "900"}],
        "notes": [
            note(f"n{area}", area=area, requested="900", score=score)
            for area, score in ((1, 30), (2, 20), (3, 10))
        ],
        "rules": {"thematic_area_share": {"1": {"target": 0.4, "tolerance": 0.1}}},
    }
    result = solve_round(round_data)
    assert amounts(result)["n1"] == "450.00"
    shares = {item["name"]: item for item in result["constraints"]}
    assert shares["thematic_area_share_max:1"]["slack"] == "0.00"
    assert shares["thematic_area_share_min:1"]["slack"] == "180.00"


def test_grant_limits_and_pins_are_respected(small_round):
    small_round["rules"].update(
        {"grant_max": "55", "must_include": ["D"], "must_exclude": ["B"], "region_share_max": 1}
    )
    result = solve_round(small_round)
    selected = amounts(result)
    assert "B" not in selected and "D" in selected
    assert all(Decimal(amount) <= 55 for amount in selected.values())
    reasons = {item["id"]: item["reason"] for item in result["left_out"]}
    assert reasons["B"] == "excluded"
    assert reasons["A"] == "eligibility"  # requests 60, all or nothing, above grant_max


def test_share_caps_that_leave_no_room_give_an_empty_but_exact_portfolio():
    round_data = {
        "pools": [{"id": "U", "amount": "100.00"}],
        "notes": [note(f"n{i}", area=1 + i, requested="100", score=10 - i) for i in range(3)],
        "rules": {"thematic_area_share": {str(area): {"max": "0.333333"} for area in (1, 2, 3)}},
    }
    result = solve_round(round_data)
    # Three caps of 0.333333 add up to less than 1: only an empty portfolio keeps them exactly,
    # although HiGHS, within its tolerances, proposes a few cents for each note.
    assert result["status"] == "optimal"
    assert result["allocated"] == "0.00"
    assert all(Decimal(check["slack"]) >= 0 for check in result["constraints"])


def test_notes_that_must_be_included_but_do_not_fit_the_money_are_explained(small_round):
    small_round["rules"]["must_include"] = ["A", "B", "C"]
    result = solve_round(small_round)
    assert result["status"] == "infeasible"
    assert result["selected"] == [] and result["objective_value"] is None
    assert "cannot be funded together" in result["message"]
    assert "reserve" in result["message"]
    families = {conflict["family"]: conflict["rules"] for conflict in result["conflicts"]}
    assert families["pool + reserve"]
    assert families["must_include"] == ["must_include:A", "must_include:B"]


def test_conflict_between_a_region_cap_and_pinned_notes_names_both_ways_out(small_round):
    small_round["rules"].update({"must_include": ["A", "D"], "region_share_max": 0.5})
    result = solve_round(small_round)
    assert result["status"] == "infeasible"
    families = {conflict["family"]: conflict["rules"] for conflict in result["conflicts"]}
    assert families["region_share"] == ["region_share_max:Americas"]
    assert "pool" in families


def test_a_pinned_note_that_can_never_be_funded_is_explained_without_solving(small_round):
    small_round["rules"].update({"must_include": ["A"], "grant_max": "50"})
    result = solve_round(small_round)
    assert result["status"] == "infeasible"
    assert "A:" in result["message"] and "grant_max" in result["message"]


def test_results_follow_the_shipped_result_schema(small_round):
    validator = Draft202012Validator(shipped_schema("result"))
    validator.validate(solve_round(small_round))
    small_round["rules"]["must_include"] = ["A", "B", "C"]
    validator.validate(solve_round(small_round))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda data: data["pools"][0].update(amount=100),
            "pools/0/amount: 100 is not a non-negative amount as a decimal string",
        ),
        (lambda data: data["notes"][0].pop("score"), "'score' is a required property"),
        (lambda data: data["notes"][1].update(id="A"), "note id 'A' is used twice"),
        (lambda data: data["rules"].update(must_include=["Z"]), "not in the round: ['Z']"),
        (lambda data: data["rules"].update(reserve="1000"), "more than all pools together"),
        (
            lambda data: data["rules"].update(
                thematic_area_share={"1": {"min": 0.6}, "2": {"min": 0.6}}
            ),
            "add up to more than 1",
        ),
        (
            lambda data: data["notes"][0].update(min_fraction=1.5),
            "notes/0/min_fraction: 1.5 is not a number from 0 to 1",
        ),
        (
            lambda data: data["rules"].update(thematic_area_share={"5": {"min": 0.1}}),
            "thematic_area_share/5: a minimum share for an area with no candidate note",
        ),
    ],
)
def test_invalid_rounds_are_refused_with_the_place_of_the_error(small_round, change, message):
    change(small_round)
    with pytest.raises(InvalidRound, match=message.replace("[", r"\[").replace("]", r"\]")):
        solve_round(small_round)


def test_a_round_feasible_only_within_solver_tolerance_is_reported_infeasible():
    # N0 (0.01, MEX) must be in and MEX may have at most 0.333333 of the total, so the total
    # must reach 0.0300000300..., more than the pool's 0.03; HiGHS accepts 0.03 within its
    # tolerances.
    round_data = {
        "pools": [{"id": "P0", "amount": "0.03"}],
        "notes": [
            note(f"N{index}", country=country, requested="0.01", score=0)
            for index, country in enumerate(["MEX", "MEX", "PER", "MAR"])
        ],
        "rules": {"country_share_max": 0.333333, "must_include": ["N0"]},
    }
    result = solve_round(round_data)
    assert result["status"] == "infeasible"
    assert {conflict["family"] for conflict in result["conflicts"]} >= {"must_include"}


def test_a_round_stopped_by_the_time_limit_says_so_and_still_keeps_the_rules():
    notes = [
        note(
            f"N{index}",
            area=1 + index % 5,
            requested=str(1000 + (index * 7919) % 9000),
            score=(index * 104729) % 97,
            min_fraction=1,
        )
        for index in range(600)
    ]
    round_data = {
        "pools": [{"id": "U", "amount": "900000"}],
        "notes": notes,
        "rules": {"thematic_area_share": {str(area): {"min": 0.15} for area in range(1, 6)}},
        "options": {"time_limit": 0.001},
    }
    result = solve_round(round_data)
    assert result["status"] == "time_limit"
    assert "time limit" in result["message"]
    Draft202012Validator(shipped_schema("result")).validate(result)
    assert all(Decimal(check["slack"]) >= 0 for check in result["constraints"])


def test_the_greedy_baseline_that_misses_a_minimum_share_is_reported_as_breaking_it():
    round_data = {
        "pools": [{"id": "U", "amount": "100"}],
        "notes": [
            note("strong", area=1, requested="100", score=90, min_fraction=1),
            note("weak", area=2, requested="30", score=10, min_fraction=1),
            note("middle", area=1, requested="70", score=50, min_fraction=1),
        ],
        "rules": {"thematic_area_share": {"2": {"min": 0.2}}},
    }
    result = solve_round(round_data)
    # Greedy funds "strong" with all the money; area 2 then has 0%, below its 20%.
    assert result["greedy"]["status"] == "breaks_rules"
    assert result["greedy"]["broken_rules"] == ["thematic_area_share_min:2"]
    assert amounts(result) == {"weak": "30.00", "middle": "70.00"}


def test_country_caps_may_differ_per_country():
    round_data = {
        "pools": [{"id": "U", "amount": "100"}],
        "notes": [
            note("mex", country="MEX", requested="100", score=90),
            note("per", country="PER", requested="100", score=10),
        ],
        "rules": {"country_share_max": {"MEX": 0.6}},
    }
    result = solve_round(round_data)
    assert amounts(result) == {"mex": "60.00", "per": "40.00"}
    names = [check["name"] for check in result["constraints"]]
    assert "country_share_max:MEX" in names and "country_share_max:PER" not in names
