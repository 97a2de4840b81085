"""The mixed-integer model of an allocation round, solved with HiGHS.

For each candidate note i: an amount a_i (continuous) and a choice y_i (0/1) with
floor_i·y_i ≤ a_i ≤ ceiling_i·y_i. T = Σ a_i is the total allocated; T ≤ budget (the reserve).
Money: notes of thematic area k draw first on the pools earmarked to k (E_k) and then on u_k
of the unearmarked money U: Σ_{i in k} a_i - u_k ≤ E_k and Σ_k u_k ≤ U. This is exactly the
per-pool model with the pools of one earmark merged (earmarked money can pay nothing else), with
far fewer variables. Share rules: Σ_{i in G} a_i - m·T ≤ 0 (max) or ≥ 0 (min).
The objective maximises Σ score_i · a_i / requested_i (HiGHS minimises its negative).
Money is scaled so the largest figure is below 10,000 units, which keeps HiGHS's tolerances
well below a cent.
"""

import math
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import highspy
import numpy as np

from poolfund.allocation.round import Note, RoundInput

INFINITY = highspy.kHighsInf
# HiGHS's presolve is on up to this many candidates (measured up to 1,000), off above (see
# docs/benchmarks.md, bench/allocation.py and bench/allocation_page.py): on a 40-note round
# it makes the solve 30 times faster (5 ms instead of 150 ms), but on the 10,000-note
# all-or-nothing round HiGHS spends about 12 s in it before the root LP, instead of proving the
# optimum in 2 s without it.
PRESOLVE_UP_TO = 1000
NO_SCORE_CHOICE_COST = 1e-6


class SolverFailure(Exception):
    """HiGHS stopped for a reason other than optimality, infeasibility or the time limit."""


@dataclass(frozen=True)
class Row:
    name: str
    family: str
    """`note` (a note's own floor and ceiling), `pool`, `reserve`, `total` or a share family."""
    lower: float
    upper: float


@dataclass(frozen=True)
class Solution:
    status: str
    """`optimal`, `infeasible` or `time_limit`."""
    amounts: dict[int, float] | None
    """USD per selected candidate (by index), None when there is no feasible solution."""
    gap: float | None
    best_bound: float | None = None
    """The highest total score HiGHS proved no portfolio can beat (None when it proved none)."""


class QuietHighs(highspy.Highs):
    """HiGHS with its log off from the start. highspy's constructor registers its callback
    handler, and HiGHS prints its banner to stdout at that moment unless `output_flag` is
    already false: set after construction it is too late, and the banner would pollute the
    JSON that `poolfund allocate --output -` writes to stdout."""

    def enableCallbacks(self) -> None:
        self.setOptionValue("output_flag", False)
        self.setOptionValue("log_to_console", False)
        super().enableCallbacks()


class RoundModel:
    """HiGHS holding the model of one round; candidates are indexed in the order given."""

    def __init__(self, allocation_round: RoundInput, candidates: list[Note]) -> None:
        self.round = allocation_round
        self.candidates = candidates
        biggest = float(max([allocation_round.total_available, *(n.requested for n in candidates)]))
        self.scale = 10.0 ** max(0, math.floor(math.log10(max(biggest, 1.0))) - 3)
        self.areas = sorted({note.thematic_area for note in candidates})
        count = len(candidates)
        self.total_column = 2 * count
        self.unearmarked_columns = {
            area: 2 * count + 1 + index for index, area in enumerate(self.areas)
        }
        self.rows: list[Row] = []
        self.choice_bounds = [
            (
                1.0 if note.id in allocation_round.rules.must_include else 0.0,
                0.0 if note.id in allocation_round.rules.must_exclude else 1.0,
            )
            for note in candidates
        ]
        self.highs = QuietHighs()
        self.highs.setOptionValue("threads", 1)
        self.highs.setOptionValue("presolve", "on" if count <= PRESOLVE_UP_TO else "off")
        # Money is scaled to below 10,000 units: 1e-9 of a unit is far below a cent, so rounding
        # to cents rarely has anything to repair.
        self.highs.setOptionValue("primal_feasibility_tolerance", 1e-9)
        self.highs.setOptionValue("mip_feasibility_tolerance", 1e-9)
        self._add_columns()
        self._add_rows()

    def amount_column(self, index: int) -> int:
        return 2 * index

    def choice_column(self, index: int) -> int:
        return 2 * index + 1

    def money(self, amount: Decimal) -> float:
        return float(amount) / self.scale

    def _add_columns(self) -> None:
        count = len(self.candidates)
        width = 2 * count + 1 + len(self.areas)
        costs = np.zeros(width)
        upper = np.full(width, INFINITY)
        lower = np.zeros(width)
        for index, note in enumerate(self.candidates):
            amount, choice = self.amount_column(index), self.choice_column(index)
            costs[amount] = -float(note.value_per_usd) * self.scale
            if note.score == 0:
                # Funding it adds nothing, so choosing it or not ties; a token cost breaks the
                # tie the way the committee expects (and the reason "no score" says).
                costs[choice] = NO_SCORE_CHOICE_COST
            upper[amount] = self.money(self.round.ceiling(note))
            lower[choice], upper[choice] = self.choice_bounds[index]
        self.highs.addVars(width, lower, upper)
        self.highs.changeColsCost(width, np.arange(width, dtype=np.int32), costs)
        choices = np.arange(1, 2 * count, 2, dtype=np.int32)
        self.highs.changeColsIntegrality(
            count, choices, np.full(count, highspy.HighsVarType.kInteger)
        )

    def _add_rows(self) -> None:
        entries: list[tuple[list[int], list[float]]] = []

        def add(row: Row, columns: list[int], values: list[float]) -> None:
            self.rows.append(row)
            entries.append((columns, values))

        for index, note in enumerate(self.candidates):
            amount, choice = self.amount_column(index), self.choice_column(index)
            floor, ceiling = (
                self.money(self.round.floor(note)),
                self.money(self.round.ceiling(note)),
            )
            add(Row(f"floor:{note.id}", "note", 0.0, INFINITY), [amount, choice], [1.0, -floor])
            add(
                Row(f"ceiling:{note.id}", "note", -INFINITY, 0.0), [amount, choice], [1.0, -ceiling]
            )
        count = len(self.candidates)
        add(
            Row("total", "total", 0.0, 0.0),
            [self.total_column, *range(0, 2 * count, 2)],
            [1.0, *([-1.0] * count)],
        )
        add(
            Row("reserve", "reserve", -INFINITY, self.money(self.round.budget)),
            [self.total_column],
            [1.0],
        )
        for area in self.areas:
            members = [
                self.amount_column(i)
                for i, note in enumerate(self.candidates)
                if note.thematic_area == area
            ]
            add(
                Row(
                    f"earmark:{area}", "pool", -INFINITY, self.money(self.round.earmarked_to(area))
                ),
                [*members, self.unearmarked_columns[area]],
                [*([1.0] * len(members)), -1.0],
            )
        add(
            Row("unearmarked", "pool", -INFINITY, self.money(self.round.unearmarked)),
            list(self.unearmarked_columns.values()),
            [1.0] * len(self.areas),
        )
        for rule in self.round.rules.shares:
            members = [
                self.amount_column(i) for i, note in enumerate(self.candidates) if rule.covers(note)
            ]
            bounds = (-INFINITY, 0.0) if rule.bound == "max" else (0.0, INFINITY)
            add(
                Row(rule.name, rule.family, *bounds),
                [*members, self.total_column],
                [*([1.0] * len(members)), -float(rule.share)],
            )
        starts, indices, values = [], [], []
        for columns, row_values in entries:
            starts.append(len(indices))
            indices.extend(columns)
            values.extend(row_values)
        self.highs.addRows(
            len(self.rows),
            np.array([row.lower for row in self.rows]),
            np.array([row.upper for row in self.rows]),
            len(indices),
            np.array(starts, dtype=np.int32),
            np.array(indices, dtype=np.int32),
            np.array(values, dtype=np.float64),
        )

    def solve(self, *, time_limit: float, mip_rel_gap: float) -> Solution:
        self.highs.setOptionValue("time_limit", float(time_limit))
        self.highs.setOptionValue("mip_rel_gap", float(mip_rel_gap))
        self.highs.run()
        status = self.highs.getModelStatus()
        info = self.highs.getInfo()
        if status == highspy.HighsModelStatus.kInfeasible:
            return Solution("infeasible", None, None)
        if status == highspy.HighsModelStatus.kOptimal:
            label = "optimal"
        elif status == highspy.HighsModelStatus.kTimeLimit:
            label = "time_limit"
        else:
            raise SolverFailure(
                f"HiGHS stopped with status {self.highs.modelStatusToString(status)}."
            )
        if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
            return Solution(label, None, None)
        values = self.highs.getSolution().col_value
        amounts = {
            index: values[self.amount_column(index)] * self.scale
            for index in range(len(self.candidates))
            if values[self.choice_column(index)] > 0.5
        }
        gap = max(0.0, info.mip_gap) if math.isfinite(info.mip_gap) else None
        # HiGHS minimises the negative score.
        bound = -info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else None
        return Solution(label, amounts, gap, bound)

    def is_feasible(self, *, time_limit: float) -> bool:
        """Whether HiGHS finds any portfolio within the time limit (not proving none exists
        counts as not feasible)."""
        return self.solve(time_limit=time_limit, mip_rel_gap=1.0).amounts is not None

    @contextmanager
    def relaxed(self, names: set[str], *, by_name: bool = False):
        """Drop every row of the given families (or with the given names) within the block."""
        indices = [
            i for i, row in enumerate(self.rows) if (row.name if by_name else row.family) in names
        ]
        self._set_row_bounds(indices, -INFINITY, INFINITY)
        try:
            yield self
        finally:
            for index in indices:
                self._set_row_bounds([index], self.rows[index].lower, self.rows[index].upper)

    @contextmanager
    def choice_bounded(self, index: int, lower: float, upper: float):
        column = self.choice_column(index)
        self.highs.changeColBounds(column, lower, upper)
        try:
            yield self
        finally:
            self.highs.changeColBounds(column, *self.choice_bounds[index])

    def tighten(self, *, share_margin: float, money_margin: Decimal) -> None:
        """Pull the share and budget limits inwards, to absorb rounding to cents."""
        margin = self.money(money_margin)
        shares = {rule.name: rule for rule in self.round.rules.shares}
        for index, row in enumerate(self.rows):
            if row.family in {"pool", "reserve"}:
                self.rows[index] = Row(
                    row.name, row.family, row.lower, max(0.0, row.upper - margin)
                )
                self._set_row_bounds([index], row.lower, self.rows[index].upper)
            elif row.name in shares:
                rule = shares[row.name]
                factor = 1 - share_margin if rule.bound == "max" else 1 + share_margin
                self.highs.changeCoeff(
                    index, self.total_column, -min(1.0, float(rule.share) * factor)
                )

    def _set_row_bounds(self, indices: list[int], lower: float, upper: float) -> None:
        for index in indices:
            self.highs.changeRowBounds(index, lower, upper)
