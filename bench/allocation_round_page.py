"""How long the committee page takes to re-run a stored round with a pin (the htmx request).

Builds a throw-away SQLite database, loads the demo (its ledger gives the pools), puts N concept
notes in the pipeline through the programme services (5 thematic areas, 5 countries in two
sub-regions), sets a policy (area shares, a region cap, a reserve leaving money for about a
third of the requests) and times `POST /allocation/rounds/<id>/run/` with one note pinned in
(median and worst of 5 runs), and the optimiser alone. Usage:
.venv/bin/python bench/allocation_round_page.py [N]
"""

import os
import statistics
import sys
import tempfile
import time
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

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from tests.allocation.stored import area, countries, pipeline_note, stored_round  # noqa: E402
from tests.programmes.factories import Cast  # noqa: E402

from poolfund.allocation.services import run_round  # noqa: E402

COUNTRIES = ["MEX", "GTM", "PER", "COL", "USA"]


def timed(call) -> list[float]:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def main(size: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    cast = Cast.create()
    requested = [300000 + 50000 * (index % 20) for index in range(size - 3)]
    round_ = stored_round(
        cast,
        budget=(Decimal(sum(requested)) + 3000000) / 3,
        region_share_max=Decimal("0.7"),
        thematic_area_shares={"2": {"min": 0.1, "max": 0.4}},
    )
    for index, amount in enumerate(requested):
        number = index % 5 + 1
        pipeline_note(
            cast,
            requested=str(amount),
            thematic_area=area(number),
            objectives=list(area(number).objectives.all()[:1]),
            countries=countries(COUNTRIES[index % 5]),
        )
    client = Client()
    client.force_login(cast.steering)
    url = f"/allocation/rounds/{round_.allocation_round.pk}/run/"
    pin = {f"pin-{round_.notes[0].reference}": "in"}
    client.post(url, pin)
    page = timed(lambda: client.post(url, pin))
    engine = timed(lambda: run_round(round_.allocation_round, pin_in=[round_.notes[0].reference]))
    print(f"{size} notes in the pipeline")
    print(f"  re-run request: median {statistics.median(page):.3f} s, worst {max(page):.3f} s")
    print(
        f"  optimiser (input from the database + solve): median {statistics.median(engine):.3f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
