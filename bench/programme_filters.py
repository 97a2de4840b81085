"""How long the portfolio filters take as the portfolio grows.

Builds a throw-away SQLite database, loads the demo, adds copies of the 16 Americas programmes
until there are N, then times `GET /api/v1/programmes/` for each filter (median of 5 runs) and
counts its queries. Usage: .venv/bin/python bench/programme_filters.py [N ...]
"""

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "poolfund.settings")
os.environ.setdefault("SECRET_KEY", "benchmark")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("POOLFUND_VAR_DIR", tempfile.mkdtemp())

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from poolfund.programmes.models import JointProgramme, ProgrammeObjective  # noqa: E402

FILTERS = ["", "region=419", "region=029", "country=MEX", "thematic_area=2", "objective=10"]


@transaction.atomic
def grow_to(size: int) -> None:
    originals = list(JointProgramme.objects.filter(code__startswith="AMR-"))
    copy = JointProgramme.objects.count()
    while copy < size:
        source = originals[copy % len(originals)]
        clone = JointProgramme.objects.create(
            code=f"BENCH-{copy:06d}",
            title=source.title,
            description=source.description,
            thematic_area=source.thematic_area,
            budget_usd=source.budget_usd,
        )
        clone.countries.set(source.countries.all())
        clone.regional_bodies.set(source.regional_bodies.all())
        ProgrammeObjective.objects.bulk_create(
            ProgrammeObjective(programme=clone, objective=link.objective, is_suggested=True)
            for link in source.programmeobjective_set.all()
        )
        copy += 1


def main(sizes: list[int]) -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    print(f"{'programmes':>10}  {'filter':<16} {'median ms':>9} {'queries':>7} {'matched':>7}")
    for size in sizes:
        grow_to(size)
        for query in FILTERS:
            timings = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(f"/api/v1/programmes/?{query}&limit=100")
                    timings.append((time.perf_counter() - started) * 1000)
            matched = response.json()["count"]
            print(
                f"{size:>10}  {query or '(none)':<16} {statistics.median(timings):>9.1f} "
                f"{len(queries):>7} {matched:>7}"
            )


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [16, 1000, 10000])
