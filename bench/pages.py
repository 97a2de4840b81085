"""Load times of the dashboards and the regional brief on the demo data.

    .venv/bin/python bench/pages.py                 # 20 requests per page
    .venv/bin/python bench/pages.py --requests 50 --postgres postgres://postgres@127.0.0.1:5432/NAME

builds a fresh database (SQLite in a temporary directory, or the PostgreSQL database named, which
is dropped and created again), loads the demo data, then requests each page through Django's
test client — the whole request: URL routing, middleware, queries, chart rendering, templates.
Prints the first request's time (its charts not yet drawn: each chart's SVG is then kept in
memory until its data changes), then the median, 90th percentile and slowest of the next
requests, and the query count of one request.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PAGES = [
    "/dashboards/",
    "/dashboards/regions/419/",
    "/dashboards/countries/MEX/",
    "/dashboards/countries/PER/",
    "/reports/brief/419/?lang=en&format=html",
    "/reports/brief/419/?lang=es&format=html",
    "/reports/brief/419/?lang=en&format=pdf",
]


def prepare_environment(postgres: str | None, workdir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "poolfund.settings"
    os.environ["SECRET_KEY"] = "benchmark-only"
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["POOLFUND_VAR_DIR"] = workdir
    # Keep the connection between requests, as a production server does.
    os.environ["CONN_MAX_AGE"] = "60"
    if postgres:
        os.environ["DATABASE_URL"] = postgres
        recreate_postgres_database(postgres)
    else:
        os.environ.pop("DATABASE_URL", None)


def recreate_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def measure(client, path: str, requests: int) -> tuple[float, list[float], int]:
    """The first request (charts not yet drawn), then `requests` more, and the query count."""
    from django.db import connection

    started = time.perf_counter()
    response = client.get(path)
    first = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Not CaptureQueriesContext: each request starts by emptying Django's query log.
    with connection.execute_wrapper(count):
        client.get(path)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return first, timings, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--postgres", help="a PostgreSQL URL whose database may be dropped")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        prepare_environment(arguments.postgres, workdir)
        sys.path.insert(0, str(ROOT / "src"))
        import django
        from django.core.management import call_command
        from django.test import Client

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        client = Client()
        database = "PostgreSQL" if arguments.postgres else "SQLite"
        print(f"{database}, {arguments.requests} requests per page after the first")
        print(f"{'page':45} {'first':>9} {'median':>9} {'p90':>9} {'max':>9} {'queries':>8}")
        for path in PAGES:
            first, timings, queries = measure(client, path, arguments.requests)
            p90 = statistics.quantiles(timings, n=10)[-1]
            print(
                f"{path:45} {first:7.1f}ms {statistics.median(timings):7.1f}ms {p90:7.1f}ms "
                f"{max(timings):7.1f}ms {queries:8d}"
            )


if __name__ == "__main__":
    main()
