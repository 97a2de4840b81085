"""How long the committee page takes to re-run a stored round with a pin (the htmx request,
`POST /allocation/rounds/<id>/run/`), measured with the Django test client.

Builds a throw-away SQLite database and loads the demo as `make run` does (with DEBUG on while
loading, so the demo logins and the demo round "2024 second call (demo)" exist), then times the
re-run as the demo Steering Committee member with the best-scored note left out pinned in:
median and worst of 7, each drawing its chart afresh as a re-run with new figures does, for
the demo round as loaded and, after N more notes are brought into the
pipeline through the programme services, for a harder round on that pipeline (every note all or
nothing, area 2 between 10% and 40%, a region cap of 70%, money for a third of the requests: the
round of the earlier figure in docs/benchmarks.md). Each is run with HiGHS's presolve as shipped
and, for comparison in the same run, with it off (as it was before issue 08's page work), and the
request is split into its parts: the input from the database, the optimiser, the chart, the rest
(the template and the queries of the page). Usage:
.venv/bin/python bench/allocation_page.py [--notes N]   (N: 40 by default)
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "poolfund.settings")
os.environ.setdefault("SECRET_KEY", "benchmark")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("POOLFUND_VAR_DIR", tempfile.mkdtemp())
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from tests.allocation.stored import (  # noqa: E402
    MONEY_AS_OF,
    area,
    countries,
    money_available,
    pipeline_note,
)
from tests.programmes.factories import Cast  # noqa: E402

from poolfund.accounts.models import User  # noqa: E402
from poolfund.allocation import optimisation, views  # noqa: E402
from poolfund.allocation.demo import COMMITTEE, REVIEWER, ROUND_NAME  # noqa: E402
from poolfund.allocation.engine import solve_round  # noqa: E402
from poolfund.allocation.models import AllocationRound  # noqa: E402
from poolfund.allocation.selectors import candidate_notes, round_input  # noqa: E402
from poolfund.allocation.services import set_round_policy  # noqa: E402
from poolfund.web import charts  # noqa: E402

COUNTRIES = ["MEX", "GTM", "PER", "ETH", "PHL"]
RUNS = 7


def timed(call: Callable[[], object]) -> list[float]:
    call()  # warm: the first call of a process loads HiGHS and the chart renderer
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def afresh(call: Callable[[], object]) -> object:
    """As a re-run with other pins, whose figures differ: its chart is drawn, not remembered."""
    cache.clear()
    charts._grouped_bar_spec.cache_clear()
    return call()


def all_or_nothing_round(extra_notes: int) -> AllocationRound:
    cast = Cast.create()
    for index in range(extra_notes):
        number = index % 5 + 1
        pipeline_note(
            cast,
            requested=str(300000 + 50000 * (index % 20)),
            thematic_area=area(number),
            objectives=list(area(number).objectives.all()[:1]),
            countries=countries(COUNTRIES[index % 5]),
        )
    allocation_round = AllocationRound.objects.create(name="bench: all or nothing")
    requested = sum(note.requested_budget_usd for note in candidate_notes())
    set_round_policy(
        actor=User.objects.get(username=REVIEWER),
        allocation_round=allocation_round,
        money_as_of=MONEY_AS_OF,
        thematic_area_shares={"2": {"min": 0.1, "max": 0.4}},
        region_share_max=Decimal("0.7"),
        reserve_usd=(money_available() - requested / 3).quantize(Decimal("0.01")),
    )
    return allocation_round


def measure(label: str, allocation_round: AllocationRound, client: Client) -> None:
    data = round_input(allocation_round.policy)
    left_out = {item["id"] for item in solve_round(data)["left_out"]}
    best_left_out = max(
        (note for note in data["notes"] if note["id"] in left_out),
        key=lambda note: Decimal(note["score"]),
    )["id"]
    pin = {f"pin-{best_left_out}": "in"}
    url = f"/allocation/rounds/{allocation_round.pk}/run/"
    pinned = round_input(allocation_round.policy, pin_in=[best_left_out])
    balance = views.balance_by_area(pinned, solve_round(pinned))
    shipped = optimisation.PRESOLVE_UP_TO
    for presolve in ("as shipped", "off"):
        optimisation.PRESOLVE_UP_TO = shipped if presolve == "as shipped" else -1
        request = timed(lambda: afresh(lambda: client.post(url, pin)))
        parts = {
            "input": timed(lambda: round_input(allocation_round.policy, pin_in=[best_left_out])),
            "optimiser": timed(lambda: solve_round(pinned)),
            "chart": timed(lambda: afresh(lambda: views.balance_chart(balance))),
        }
        medians = {name: statistics.median(times) for name, times in parts.items()}
        rest = statistics.median(request) - sum(medians.values())
        print(
            f"{label:<34} presolve {presolve:<10} re-run median {statistics.median(request):.3f} s,"
            f" worst {max(request):.3f} s | "
            + ", ".join(f"{name} {value * 1000:.0f} ms" for name, value in medians.items())
            + f", rest {rest * 1000:.0f} ms"
        )
    optimisation.PRESOLVE_UP_TO = shipped


def main(extra_notes: int) -> None:
    call_command("migrate", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("load_demo", verbosity=0)
    allocation_round = AllocationRound.objects.get(name=ROUND_NAME)
    client = Client()
    client.force_login(User.objects.get(username=COMMITTEE))
    candidates = len(round_input(allocation_round.policy)["notes"])
    measure(f"demo round ({candidates} candidates)", allocation_round, client)
    harder = all_or_nothing_round(extra_notes)
    measure(f"all or nothing ({candidates + extra_notes} candidates)", harder, client)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=40)
    main(parser.parse_args().notes)
