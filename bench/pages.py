"""Load times of the dashboards and the regional brief on the demo data.

    .venv/bin/python bench/pages.py                 # 20 requests per page
    .venv/bin/python bench/pages.py --requests 50 --postgres postgres://postgres@127.0.0.1:5432/NAME
    .venv/bin/python bench/pages.py --existing postgres://…/NAME --page /dashboards/ --page /fund/

builds a fresh database (SQLite in a temporary directory, or the PostgreSQL database named, which
is dropped and created again) and loads the demo data, or reads an existing database as it is
(`--existing`, e.g. one filled by `poolfund generate-demo`); then requests each page through
Django's test client, as a visitor — the whole request: URL routing, middleware, queries, chart
rendering, templates. After one request that pays for imports and the start of vl-convert's
engine, each page is timed twice: cold (the shared cache emptied before each request: figures,
drawn charts and pages computed anew, as after a change of data) and from the cache (a visitor
is served the page stored by the previous request). Prints the median and 90th percentile of
each case and the query count of one request.

Signed in (`--as demo-fmu`, one of the demo logins): every request is the person's own page,
computed each time (a signed-in page is never served from the cache), e.g. the inbox:

    .venv/bin/python bench/pages.py --as demo-fmu --page /me/ --requests 50
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


def prepare_environment(postgres: str | None, existing: str | None, workdir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "poolfund.settings"
    os.environ["SECRET_KEY"] = "benchmark-only"
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["POOLFUND_VAR_DIR"] = workdir
    # Keep the connection between requests, as a production server does.
    os.environ["CONN_MAX_AGE"] = "60"
    if existing:
        os.environ["DATABASE_URL"] = existing
    elif postgres:
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


def measure(client, path: str, requests: int) -> tuple[list[float], list[float], int]:
    """Timings cold (the shared cache emptied before each request), then from the cache; and
    one cold request's queries."""
    from django.core.cache import cache
    from django.db import connection

    response = client.get(path)  # imports, templates and vl-convert's engine start here
    assert response.status_code == 200, (path, response.status_code)
    drawn, cached = [], []
    for timings, forget in ((drawn, True), (cached, False)):
        for _ in range(requests):
            if forget:
                cache.clear()
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Not CaptureQueriesContext: each request starts by emptying Django's query log.
    cache.clear()
    with connection.execute_wrapper(count):
        client.get(path)
    return drawn, cached, len(queries)


def summary(timings: list[float]) -> str:
    p90 = statistics.quantiles(timings, n=10)[-1]
    return f"{statistics.median(timings):7.1f} {p90:7.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--postgres", help="a PostgreSQL URL whose database may be dropped")
    parser.add_argument("--existing", help="a database URL to read as it is (nothing loaded)")
    parser.add_argument(
        "--page", action="append", help="a path, repeatable (default: " + ", ".join(PAGES) + ")"
    )
    parser.add_argument("--as", dest="username", help="sign in as this person (a demo login)")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        prepare_environment(arguments.postgres, arguments.existing, workdir)
        sys.path.insert(0, str(ROOT / "src"))
        import django
        from django.core.management import call_command
        from django.test import Client

        django.setup()
        from django.conf import settings

        if not arguments.existing:
            call_command("migrate", verbosity=0)
            settings.DEBUG = True  # the demo logins are made only with DEBUG on
            call_command("load_demo", verbosity=0)
            settings.DEBUG = False
        client = Client()
        if arguments.username:
            from django.contrib.auth import get_user_model

            client.force_login(get_user_model().objects.get(username=arguments.username))
        database = (
            "SQLite" if "sqlite" in os.environ.get("DATABASE_URL", "sqlite") else "PostgreSQL"
        )
        who = f"signed in as {arguments.username}" if arguments.username else "as a visitor"
        print(f"{database}, {who}, {arguments.requests} requests per page and case, times in ms")
        print(f"{'':45} {'cold':>15} {'from the cache':>17}")
        print(f"{'page':45} {'median':>7} {'p90':>7} {'median':>8} {'p90':>7} {'queries':>8}")
        for path in arguments.page or PAGES:
            drawn, cached, queries = measure(client, path, arguments.requests)
            print(f"{path:45} {summary(drawn)} {summary(cached):>16} {queries:8d}")


if __name__ == "__main__":
    main()
