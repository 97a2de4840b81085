"""Scratch databases outside the test database, on the engine the suite runs on, and the
`poolfund` command run against them in a subprocess (as an operator would)."""

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def scratch_database(name: str, tmp_path: Path) -> Iterator[str]:
    """A new, empty database; yields its URL and drops it afterwards. On PostgreSQL it is
    named after the configured database (`<name of DATABASE_URL>_<name>`)."""
    if not on_postgresql():
        yield f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
        return
    server = urlsplit(os.environ["DATABASE_URL"])
    database = f"{server.path.lstrip('/')}_{name}"
    admin_url = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"')
    try:
        yield urlunsplit(server._replace(path=f"/{database}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def poolfund_environment(database_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DATABASE_URL": database_url,
        "DEBUG": "1",
        "POOLFUND_VAR_DIR": str(tmp_path),
        **extra,
    }


def poolfund(*args: str, database_url: str, tmp_path: Path, check: bool = True):
    """Runs `poolfund ARGS` against `database_url`; returns the completed process."""
    result = subprocess.run(
        [sys.executable, "-m", "poolfund", *args],
        env=poolfund_environment(database_url, tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def table_rows(database_url: str) -> dict[str, list[tuple]]:
    """Every row of every table, read straight from the database (not through Django), in a
    stable order; the migration table only as (app, name), since it records when it ran."""
    if database_url.startswith("sqlite"):
        database = sqlite3.connect(urlsplit(database_url).path)
        tables = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        read = database.execute
    else:
        database = psycopg.connect(database_url)
        tables = [
            name
            for (name,) in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        read = database.execute
    try:
        rows = {}
        for table in tables:
            columns = "app, name" if table == "django_migrations" else "*"
            rows[table] = sorted(read(f'SELECT {columns} FROM "{table}"').fetchall(), key=repr)
        return rows
    finally:
        database.close()
