"""Spreadsheet import speed and memory: N deposit rows from one XLSX file into PostgreSQL
(or SQLite).

    .venv/bin/python bench/spreadsheet_import.py --rows 100000 \
        --database postgres://postgres@127.0.0.1:5432/poolfund_i16
    .venv/bin/python bench/spreadsheet_import.py --rows 1000 \
        --database sqlite:////tmp/bench.sqlite3 --profile /tmp/import.prof

The database in the URL is dropped and created again (a SQLite file is removed), migrated, and
given the framework, the
countries, the fee rate, an FMU person and --commitments donors with one USD commitment each
(imported from spreadsheets too). Then `poolfund import spreadsheet deposits.xlsx --kind
deposits` runs in its own process, timed, with its peak memory (max RSS) read from the
operating system; and again on the same file, which must change nothing. The load average is
printed beside the figures (the machine may be shared). With --profile, the first import runs
under cProfile and its statistics are written to that file (read them with
`python -m pstats FILE`, then `sort cumulative`, `stats 30`).
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
POOLFUND = [sys.executable, "-m", "poolfund"]
USER = "bench-fmu"


def recreate_database(url: str) -> None:
    if url.startswith("sqlite:"):
        Path(urlparse(url).path).unlink(missing_ok=True)
        return
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def poolfund(*args: str, env: dict) -> None:
    subprocess.run([*POOLFUND, *args], env=env, check=True, stdout=subprocess.DEVNULL)


def workbook(path: Path, header: list[str], rows) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)


def prepare(env: dict, workdir: Path, commitments: int) -> None:
    poolfund("migrate", "--noinput", env=env)
    poolfund("load-framework", "gcm", env=env)
    poolfund("load-geo", env=env)
    script = (
        "import django; django.setup()\n"
        "from datetime import date; from decimal import Decimal\n"
        "import secrets\n"
        "from poolfund.accounts.choices import Role\n"
        "from poolfund.accounts.services import create_user_with_role\n"
        "from poolfund.ledger.services import set_administrative_agent_fee_rate\n"
        "set_administrative_agent_fee_rate(actor=None, rate=Decimal('0.01'),"
        " valid_from=date(2018, 1, 1))\n"
        f"create_user_with_role(actor=None, actor_label='bench', username='{USER}',"
        " password=secrets.token_urlsafe(24), role=Role.FMU)\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    donors = workdir / "donors.xlsx"
    workbook(
        donors,
        ["name", "donor_type"],
        ([f"Bench donor {n:04d}", "other"] for n in range(commitments)),
    )
    pledges = workdir / "commitments.xlsx"
    workbook(
        pledges,
        ["reference", "donor", "signed_on", "amount", "currency"],
        (
            [f"BENCH-C{n:04d}", f"Bench donor {n:04d}", "2018-01-02", "1000000000.00", "USD"]
            for n in range(commitments)
        ),
    )
    for kind, path in (("donors", donors), ("commitments", pledges)):
        poolfund("import", "spreadsheet", str(path), "--kind", kind, "--as", USER, env=env)


def deposit_rows(rows: int, commitments: int):
    start = date(2018, 1, 2)
    for n in range(rows):
        yield [
            f"BENCH-C{n % commitments:04d}",
            f"BENCH-BANK-{n:07d}",
            (start + timedelta(days=n % 2500)).isoformat(),
            f"{1000 + n % 9000}.{n % 100:02d}",
            "USD",
        ]


def timed_import(
    env: dict, path: Path, profile: Path | None = None
) -> tuple[float, float, float, str]:
    """Seconds (wall clock and CPU), peak RSS in MB of the importing process, and its summary
    line."""
    command = (
        "main(['poolfund', 'import', 'spreadsheet', sys.argv[1], '--kind', 'deposits',"
        f" '--as', '{USER}', '--no-progress'])"
    )
    if profile is not None:
        command = f"cProfile.run({command!r}, {str(profile)!r})"
    script = (
        "import cProfile, resource, sys\n"
        "from poolfund.cli import main\n"
        "try:\n"
        f"    {command}\n"
        "finally:\n"
        "    usage = resource.getrusage(resource.RUSAGE_SELF)\n"
        "    print('cpu', usage.ru_utime + usage.ru_stime)\n"
        "    print('maxrss', usage.ru_maxrss)\n"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], env=env, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    peak = int(lines[-1].split()[1]) / 1024
    cpu = float(lines[-2].split()[1])
    return seconds, cpu, peak, lines[-3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--commitments", type=int, default=1000)
    parser.add_argument(
        "--database", required=True, help="PostgreSQL or SQLite URL (dropped and created)"
    )
    parser.add_argument("--profile", type=Path, help="profile the first import into this file")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/poolfund-bench-spreadsheet"))
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": options.database,
        "DJANGO_SETTINGS_MODULE": "poolfund.settings",
        "PYTHONPATH": str(ROOT / "src"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-a-real-site"),
    }
    recreate_database(options.database)
    prepare(env, options.workdir, options.commitments)
    path = options.workdir / "deposits.xlsx"
    started = time.perf_counter()
    workbook(
        path,
        ["commitment", "bank_reference", "received_on", "amount", "currency"],
        deposit_rows(options.rows, options.commitments),
    )
    print(
        f"{options.rows:,} deposit rows on {options.commitments:,} commitments: "
        f"{path.stat().st_size / 1024 / 1024:.1f} MB XLSX, written in "
        f"{time.perf_counter() - started:.1f} s"
    )
    print(f"load average before: {os.getloadavg()}")
    seconds, cpu, peak, summary = timed_import(env, path, options.profile)
    print(f"first import: {seconds:.1f} s ({cpu:.1f} s CPU), peak RSS {peak:.0f} MB: {summary}")
    print(f"load average after: {os.getloadavg()}")
    seconds, cpu, peak, summary = timed_import(env, path)
    print(f"same file again: {seconds:.1f} s ({cpu:.1f} s CPU), peak RSS {peak:.0f} MB: {summary}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
