"""Propose the best portfolio for an allocation round, explain it and compare it with the
greedy baseline. `solve_round(data)` takes and returns the JSON documented in
docs/allocation.md; amounts are decimal strings both ways."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from poolfund.allocation.greedy import greedy_portfolio
from poolfund.allocation.portfolio import (
    Additions,
    Amounts,
    broken_rules,
    check_rules,
    objective_value,
    split_across_pools,
)
from poolfund.allocation.round import CENT, Note, RoundInput, read_round
from poolfund.allocation.rounding import repaired, rounded_to_cents

if TYPE_CHECKING:  # the model loads HiGHS and numpy: imported when a round is solved
    from poolfund.allocation.optimisation import RoundModel, Solution

DIAGNOSIS_TIME_LIMIT = 10.0
# Forcing a left-out note into the model and re-solving shows what it would cost; done, to within
# 1%, for the best-scored notes left out (options/forced_re_solves, 3 by default: each takes up to
# about 0.2 s) of rounds small enough for that to stay quick.
FORCED_RE_SOLVES_UP_TO = 500
FORCED_RE_SOLVE_TIME_LIMIT = 0.1
FORCED_RE_SOLVE_GAP = 0.01
RULES_TRIED_ONE_BY_ONE = 40
FAMILY_DESCRIPTIONS = {
    "pool": "the money in the pools and their earmarks",
    "reserve": "the reserve",
    "thematic_area_share": "the thematic area shares",
    "region_share": "the maximum share per region",
    "country_share": "the maximum share per country",
}


def solve_round(data: Any) -> dict[str, Any]:
    """Validate the round (raising InvalidRound) and return the proposal as JSON data."""
    return optimise(read_round(data))


def optimise(allocation_round: RoundInput) -> dict[str, Any]:
    from poolfund.allocation.optimisation import RoundModel

    rules = allocation_round.rules
    notes = {note.id: note for note in allocation_round.notes}
    impossible = [
        note
        for note_id, note in notes.items()
        if note_id in rules.must_include and allocation_round.ineligibility(note)
    ]
    if impossible:
        return _infeasible(
            allocation_round,
            "Some notes that must be included cannot be funded at all: "
            + " ".join(f"{note.id}: {allocation_round.ineligibility(note)}" for note in impossible),
            conflicts=[
                {"rules": [f"must_include:{note.id}"], "family": "eligibility"}
                for note in impossible
            ],
        )
    candidates = eligible_candidates(allocation_round)
    model = RoundModel(allocation_round, candidates)
    solution = model.solve(
        time_limit=allocation_round.time_limit, mip_rel_gap=allocation_round.mip_rel_gap
    )
    found = solution.amounts is not None
    amounts, solution = _exact_amounts(model, solution, notes) if found else (None, solution)
    if solution.status == "infeasible" or (found and amounts is None):
        # Diagnose on a fresh model: the one solved may have had its limits pulled in.
        conflicts = _conflicts(RoundModel(allocation_round, candidates))
        return _infeasible(
            allocation_round, _conflict_message(allocation_round, conflicts), conflicts
        )
    if amounts is None:
        return _result(
            allocation_round,
            solution,
            {},
            left_out=[],
            message="HiGHS found no portfolio within the time limit; raise options/time_limit.",
        )
    optimum = objective_value(allocation_round, amounts)
    additions = Additions(allocation_round, amounts)
    best_left_out = set()
    if len(candidates) <= FORCED_RE_SOLVES_UP_TO:
        best_left_out = {
            note.id
            for note in sorted(
                (note for note in candidates if note.id not in amounts),
                key=lambda note: -note.score,
            )[: allocation_round.forced_re_solves]
        }
    left_out = [
        _why_left_out(
            allocation_round,
            model,
            note,
            additions,
            optimum,
            re_solve=note.id in best_left_out,
        )
        for note in allocation_round.notes
        if note.id not in amounts
    ]
    return _result(allocation_round, solution, amounts, left_out=left_out, message="")


def eligible_candidates(allocation_round: RoundInput) -> list[Note]:
    """The notes the model chooses among: neither excluded nor ineligible."""
    return [
        note
        for note in allocation_round.notes
        if note.id not in allocation_round.rules.must_exclude
        and not allocation_round.ineligibility(note)
    ]


def _exact_amounts(
    model: RoundModel, solution: Solution, notes: dict
) -> tuple[Amounts | None, Solution]:
    """The solver's portfolio in cents, keeping every rule exactly (and the solution it came
    from); None when only the solver's tolerances made the round look feasible."""
    allocation_round = model.round
    rounded: Amounts = {}
    for attempt in range(3):
        raw = {model.candidates[index].id: value for index, value in solution.amounts.items()}
        rounded = rounded_to_cents(allocation_round, notes, raw)
        amounts = _without_broken_rules(allocation_round, notes, rounded)
        if amounts is not None:
            return amounts, solution
        # Within the solver's tolerances but not in cents: ask for a little room and re-solve.
        model.tighten(
            share_margin=1e-6 * 10**attempt, money_margin=CENT * (len(raw) + 1) * 10**attempt
        )
        tightened = model.solve(
            time_limit=allocation_round.time_limit, mip_rel_gap=allocation_round.mip_rel_gap
        )
        if tightened.amounts is None:
            break
        solution = tightened
    # Only rules that nearly contradict each other get here (shares whose maxima add up to just
    # under 1): drop the weakest notes until the rest fits exactly.
    droppable = sorted(
        (note_id for note_id in rounded if note_id not in allocation_round.rules.must_include),
        key=lambda note_id: notes[note_id].value_per_usd,
    )
    for note_id in droppable:
        del rounded[note_id]
        amounts = _without_broken_rules(allocation_round, notes, rounded)
        if amounts is not None:
            return amounts, solution
    return None, solution


def _without_broken_rules(
    allocation_round: RoundInput, notes: dict, rounded: Amounts
) -> Amounts | None:
    amounts = repaired(allocation_round, notes, rounded)
    if amounts is None or broken_rules(allocation_round, amounts):
        return None
    return amounts


def _why_left_out(
    allocation_round: RoundInput,
    model: RoundModel,
    note: Note,
    additions: Additions,
    optimum: Decimal,
    *,
    re_solve: bool,
) -> dict[str, Any]:
    """The rules that adding the note at its smallest fundable amount would break, checked
    exactly; for the best-scored notes, also what forcing it into the model costs."""
    if note.id in allocation_round.rules.must_exclude:
        return _left_out(note, "excluded", "Named in rules/must_exclude.", [])
    problem = allocation_round.ineligibility(note)
    if problem:
        return _left_out(note, "eligibility", problem, [])
    floor = allocation_round.floor(note)
    broken = additions.broken_by(note, floor)
    if not broken and note.score == 0:
        return _left_out(
            note,
            "no score",
            "It would fit, but with a score of 0 it adds nothing to the total.",
            [],
        )
    if not broken:
        return _left_out(
            note,
            "optimality gap",
            "It would fit; the solver stopped within the allowed optimality gap without it.",
            [],
        )
    budget = [name for name in broken if name.startswith(("pool:", "reserve"))]
    detail = (
        f"Adding its smallest fundable amount ({floor}) to the proposal would break: "
        + ", ".join(broken)
        + "."
    )
    if re_solve:
        detail = " ".join(filter(None, [detail, _cost_of_forcing(model, note, optimum)]))
    return _left_out(note, "budget" if budget else "balance rule", detail, broken)


def _cost_of_forcing(model: RoundModel, note: Note, optimum: Decimal) -> str:
    index = model.candidates.index(note)
    with model.choice_bounded(index, 1.0, 1.0):
        forced = model.solve(time_limit=FORCED_RE_SOLVE_TIME_LIMIT, mip_rel_gap=FORCED_RE_SOLVE_GAP)
    if forced.status == "infeasible":
        return "No portfolio that keeps every rule can include it."
    if forced.amounts is None:
        return ""
    value = sum(
        float(model.candidates[i].value_per_usd) * amount for i, amount in forced.amounts.items()
    )
    if forced.status == "optimal":
        return (
            f"Re-solved with it forced in, the best total score falls from {optimum} to about "
            f"{value:.6f} (within 1%)."
        )
    if forced.best_bound is None:
        return ""
    # Stopped at its time limit: the portfolio found and the bound HiGHS proved frame the best.
    return (
        f"Re-solved with it forced in, the best total score falls from {optimum} to between "
        f"{value:.6f} and {forced.best_bound:.6f}."
    )


def _left_out(note: Note, reason: str, detail: str, rules: list[str]) -> dict[str, Any]:
    return {"id": note.id, "reason": reason, "detail": detail, "rules": rules}


def _conflicts(model: RoundModel) -> list[dict[str, Any]]:
    """Relax rule families one at a time (then two at a time) and keep those whose relaxation
    makes the round feasible; within each, name the single rules that do it alone."""
    families = [
        family for family in FAMILY_DESCRIPTIONS if any(row.family == family for row in model.rows)
    ]
    found = [{family} for family in families if _feasible_without(model, {family})]
    if not found:
        found = [
            {first, second}
            for position, first in enumerate(families)
            for second in families[position + 1 :]
            if _feasible_without(model, {first, second})
        ]
    conflicts = []
    for relaxed in found:
        rows = [row for row in model.rows if row.family in relaxed]
        alone = []
        if len(relaxed) == 1 and len(rows) <= RULES_TRIED_ONE_BY_ONE:
            alone = [row.name for row in rows if _feasible_without(model, {row.name}, by_name=True)]
        conflicts.append(
            {"family": " + ".join(sorted(relaxed)), "rules": alone or [row.name for row in rows]}
        )
    forced = [
        index
        for index, note in enumerate(model.candidates)
        if note.id in model.round.rules.must_include
    ]
    releasing = []
    for index in forced:
        with model.choice_bounded(index, 0.0, 1.0):
            if model.is_feasible(time_limit=DIAGNOSIS_TIME_LIMIT):
                releasing.append(f"must_include:{model.candidates[index].id}")
    conflicts.append(
        {
            "family": "must_include",
            "rules": releasing or [f"must_include:{model.candidates[i].id}" for i in forced],
        }
    )
    return conflicts


def _feasible_without(model: RoundModel, names: set[str], *, by_name: bool = False) -> bool:
    with model.relaxed(names, by_name=by_name):
        return model.is_feasible(time_limit=DIAGNOSIS_TIME_LIMIT)


def _conflict_message(allocation_round: RoundInput, conflicts: list[dict[str, Any]]) -> str:
    forced = ", ".join(sorted(map(str, allocation_round.rules.must_include)))
    rules = [conflict for conflict in conflicts if conflict["family"] != "must_include"]
    parts = [
        f"{' and '.join(FAMILY_DESCRIPTIONS[f] for f in conflict['family'].split(' + '))} "
        f"({', '.join(conflict['rules'])})"
        for conflict in rules
    ]
    return (
        f"No portfolio keeps every rule. The notes that must be included ({forced}) cannot be "
        "funded together under "
        + ("; or under ".join(parts) if parts else "the rules as a whole")
        + ". Relaxing any one of these groups of rules, or including fewer notes, makes the "
        "round feasible."
    )


def _money(amount: Decimal) -> str:
    return str(amount.quantize(CENT))


def _selected(allocation_round: RoundInput, amounts: Amounts) -> list[dict[str, Any]]:
    paid_by, _ = split_across_pools(allocation_round, amounts)
    return [
        {
            "id": note_id,
            "amount": _money(amount),
            "pools": [
                {"pool": pool, "amount": _money(part)} for pool, part in paid_by[note_id].items()
            ],
        }
        for note_id, amount in amounts.items()
    ]


def _greedy(allocation_round: RoundInput, optimum: Decimal | None) -> dict[str, Any]:
    amounts = greedy_portfolio(allocation_round)
    value = objective_value(allocation_round, amounts)
    broken = broken_rules(allocation_round, amounts)
    return {
        "status": "breaks_rules" if broken else "feasible",
        "objective_value": str(value),
        "optimisation_gain": None if optimum is None else str(optimum - value),
        "broken_rules": broken,
        "allocated": _money(sum(amounts.values(), Decimal(0))),
        "selected": _selected(allocation_round, amounts),
    }


def _result(
    allocation_round: RoundInput,
    solution: Solution,
    amounts: Amounts,
    *,
    left_out: list[dict[str, Any]],
    message: str,
) -> dict[str, Any]:
    value = objective_value(allocation_round, amounts)
    gap = solution.gap
    return {
        "status": solution.status,
        "message": message or _status_message(solution),
        "objective_value": str(value),
        "gap": None if gap is None or not math.isfinite(gap) else f"{gap:.6f}",
        "total_available": _money(allocation_round.total_available),
        "budget": _money(allocation_round.budget),
        "allocated": _money(sum(amounts.values(), Decimal(0))),
        "selected": _selected(allocation_round, amounts),
        "left_out": left_out,
        "greedy": _greedy(allocation_round, value),
        "constraints": [_constraint(check) for check in check_rules(allocation_round, amounts)],
        "conflicts": [],
    }


def _status_message(solution: Solution) -> str:
    if solution.status == "optimal":
        return "Proven optimal within the relative gap asked for (options/mip_rel_gap)."
    if solution.gap is None:
        return (
            "The time limit was reached before HiGHS bounded the gap; the proposal is the best "
            "found so far. Raise options/time_limit."
        )
    return "The time limit was reached; the proposal is the best found, within the gap shown."


def _constraint(check) -> dict[str, Any]:
    return {
        "name": check.name,
        "family": check.family,
        "unit": check.unit,
        "limit": str(check.limit),
        "value": str(check.value),
        "slack": _money(check.slack),
    }


def _infeasible(
    allocation_round: RoundInput, message: str, conflicts: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "status": "infeasible",
        "message": message,
        "objective_value": None,
        "gap": None,
        "total_available": _money(allocation_round.total_available),
        "budget": _money(allocation_round.budget),
        "allocated": _money(Decimal(0)),
        "selected": [],
        "left_out": [],
        "greedy": _greedy(allocation_round, None),
        "constraints": [],
        "conflicts": conflicts,
    }
