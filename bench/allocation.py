"""How fast the allocation optimiser proves a portfolio optimal (within 0.1%).

Synthetic rounds of 100, 1,000 and 10,000 candidate notes across 5 thematic areas, 6 regions
and 6 pools (one unearmarked, five earmarked one to each area), with the money for about a
third of what is asked, partial funding for some notes, area shares, a region cap, grant limits
and a reserve. Prints, per size: the HiGHS status, the proven gap, the time HiGHS took and the
time of the whole proposal (rounding to cents, reasons for every note left out, the greedy
baseline). Run: .venv/bin/python bench/allocation.py [--seed N] [--sizes 100,1000,10000]
"""

import argparse
import random
import time
from decimal import Decimal

from poolfund.allocation.engine import eligible_candidates, optimise
from poolfund.allocation.optimisation import RoundModel
from poolfund.allocation.round import read_round

TIME_LIMITS = {100: 1.0, 1000: 3.0, 10000: 30.0}
AREAS = [1, 2, 3, 4, 5]
REGIONS = ["Africa", "Americas", "Asia", "Europe", "Middle East", "Pacific"]


def synthetic_round(size: int, seed: int, all_or_nothing: bool) -> dict:
    rng = random.Random(seed)
    notes = [
        {
            "id": f"CN-{index:05d}",
            "thematic_area": rng.choice(AREAS),
            "region": rng.choice(REGIONS),
            "country": f"C{rng.randrange(60):02d}",
            "requested": f"{rng.randrange(50, 300) * 10_000}.00",
            "score": rng.randrange(4000, 10000) / 100,
            "min_fraction": 1 if all_or_nothing else rng.choice([1, 1, 1, 0.5, 0.6, 0.8]),
        }
        for index in range(size)
    ]
    asked = sum(Decimal(note["requested"]) for note in notes)
    available = (asked / 3).quantize(Decimal("0.01"))
    unearmarked = (available * Decimal("0.4")).quantize(Decimal("0.01"))
    per_area = ((available - unearmarked) / len(AREAS)).quantize(Decimal("0.01"))
    pools = [{"id": "unearmarked", "amount": str(unearmarked), "thematic_area": None}] + [
        {"id": f"earmark-ta{area}", "amount": str(per_area), "thematic_area": area}
        for area in AREAS
    ]
    return {
        "pools": pools,
        "notes": notes,
        "rules": {
            "thematic_area_share": {str(area): {"min": 0.12, "max": 0.3} for area in AREAS},
            "region_share_max": 0.25,
            "grant_min": "250000",
            "grant_max": "2500000",
            "reserve": str((available * Decimal("0.02")).quantize(Decimal("0.01"))),
        },
        "options": {"time_limit": TIME_LIMITS[size], "mip_rel_gap": 0.001},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument(
        "--all-or-nothing",
        action="store_true",
        help="no partial funding at all (min_fraction 1 for every note): the hardest case",
    )
    args = parser.parse_args()
    print(
        f"{'notes':>6} {'limit s':>8} {'status':>11} {'gap':>9} {'HiGHS s':>8} {'total s':>8} "
        f"{'selected':>8} {'greedy gain':>12}"
    )
    for size in (int(value) for value in args.sizes.split(",")):
        round_data = synthetic_round(size, args.seed, args.all_or_nothing)
        allocation_round = read_round(round_data)
        started = time.perf_counter()
        model = RoundModel(allocation_round, eligible_candidates(allocation_round))
        solution = model.solve(
            time_limit=allocation_round.time_limit, mip_rel_gap=allocation_round.mip_rel_gap
        )
        solver_seconds = time.perf_counter() - started
        started = time.perf_counter()
        result = optimise(allocation_round)
        total_seconds = time.perf_counter() - started
        gain = Decimal(result["greedy"]["optimisation_gain"] or 0)
        greedy = Decimal(result["greedy"]["objective_value"])
        print(
            f"{size:>6} {allocation_round.time_limit:>8.0f} {solution.status:>11} "
            f"{(solution.gap or 0) * 100:>8.3f}% {solver_seconds:>8.2f} {total_seconds:>8.2f} "
            f"{len(result['selected']):>8} {result['greedy']['status']:>12} "
            f"{gain / greedy * 100 if greedy else 0:>11.2f}%"
        )


if __name__ == "__main__":
    main()
