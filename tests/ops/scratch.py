"""Scratch databases outside the test database, on the engine the suite runs on, and the
`poolfund` command run against them in a subprocess (as an operator would)."""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def scratch_database(name: str, tmp_path: Path, *, copy_of: str | None = None) -> Iterator[str]:
    """A new database, empty or a copy of the scratch database at `copy_of` (to which nothing
    may be connected); yields its URL and drops it afterwards. On PostgreSQL it is named after
    the configured database and the test worker (`<name of DATABASE_URL>_gw0_<name>`)."""
    if not on_postgresql():
        path = tmp_path / f"{name}.sqlite3"
        if copy_of:
            shutil.copyfile(urlsplit(copy_of).path, path)
        yield f"sqlite:///{path}"
        return
    server = urlsplit(os.environ["DATABASE_URL"])
    # Each pytest-xdist worker has its own (`gw0`, `gw1`): two may run the same test at once.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    database = "_".join(part for part in (server.path.lstrip("/"), worker, name) if part)
    template = f' TEMPLATE "{urlsplit(copy_of).path.lstrip("/")}"' if copy_of else ""
    admin_url = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"{template}')
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


FTS5_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
"""FTS5 keeps its index in shadow tables whose layout depends on the order of writes; the virtual
table itself is compared instead."""


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
        virtual = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
        shadows = {f"{name}{suffix}" for name in virtual for suffix in FTS5_SHADOW_SUFFIXES}
        tables = [name for name in tables if name not in shadows]
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, attempts: int = 60):
    """GETs `url`, waiting for the server to listen; HTTP errors are raised at once."""
    for _ in range(attempts):
        try:
            return urllib.request.urlopen(url, timeout=10)
        except urllib.error.HTTPError:
            raise
        except OSError:  # not listening yet
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered")


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: str = ""


@contextmanager
def production_server(database_url: str, tmp_path: Path, *, workers: int, **env: str):
    """`poolfund serve` (DEBUG off) on a free port of a migrated database with static files."""
    run = {"database_url": database_url, "tmp_path": tmp_path}
    poolfund("migrate", "--noinput", **run)
    poolfund("collectstatic", "--noinput", **run)
    port = free_port()
    environment = poolfund_environment(
        database_url, tmp_path, DEBUG="0", SECRET_KEY="test-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1", **env,
    )  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "poolfund", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers)],
        env=environment, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    server = Server(url=f"http://127.0.0.1:{port}", process=process)
    try:
        get(server.url + "/")
        yield server
    finally:
        process.terminate()
        server.log = process.communicate(timeout=30)[0]


PAUSE_AFTER = """
import os, re, time
from django.db import connection

def _pause_after(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if re.search({pattern!r}, sql):
        open({marker!r}, "w").close()
        time.sleep(600)  # killed here, in the middle of the work
    return result

with connection.execute_wrapper(_pause_after):
{body}
"""


def kill_midway(body: str, *, after_sql: str, database_url: str, tmp_path: Path) -> None:
    """Runs `body` (Python, in `poolfund shell`) and SIGKILLs the process right after the first
    SQL statement matching `after_sql` has run, before the work can finish or roll back."""
    marker = tmp_path / "paused"
    marker.unlink(missing_ok=True)
    script = PAUSE_AFTER.format(
        pattern=after_sql, marker=str(marker), body=textwrap.indent(textwrap.dedent(body), "    ")
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "poolfund", "shell", "-c", script],
        env=poolfund_environment(database_url, tmp_path), cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        for _ in range(600):
            if marker.exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), f"never reached the pause point:\n{process.communicate()[0]}"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
