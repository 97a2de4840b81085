"""IATI import speed and memory: our streaming reader against iatikit, and the full import.

    .venv/bin/python bench/iati_import.py --sizes-mb 10,100 \
        --postgres postgres://postgres@127.0.0.1:5432/NAME     # the database is dropped!
    .venv/bin/python bench/iati_import.py --quick               # one 10 MB file, SQLite only

makes IATI files of real activities (the publishers' samples in ../shared/iati/samples
repeated with new identifiers, `bench/iati_generate.py`; `--synthetic` for the generated
activities of issue 07) under --workdir (never in the repository), then runs each measurement
in its own process, so that each peak memory (max RSS) is its own, in one run:

- extraction of every field the importer maps, by our reader (with and without the per-activity
  schema check) and by iatikit (its Activity API where it has one, its lxml tree otherwise),
  each --repeat times in turn, the fastest kept (the machine may be shared);
- the full import (`import_iati_file`) into a fresh SQLite database and, with --postgres, into
  a fresh PostgreSQL database (the database in the URL is dropped and created again), then the
  re-import of the same, unchanged file;
- each import's rate as a ratio of the reader's (with the schema check) in the same run, by
  wall clock and by CPU time, and the load average beside every figure.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

WORDS = [
    "migration",
    "labour",
    "mobility",
    "corridor",
    "return",
    "reintegration",
    "data",
    "governance",
    "border",
    "protection",
    "remittance",
    "diaspora",
    "climate",
    "displacement",
    "inclusion",
    "health",
    "children",
    "trafficking",
    "smuggling",
    "recruitment",
    "skills",
    "regular",
    "pathways",
    "consular",
    "cooperation",
    "evidence",
    "capacity",
    "community",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _activity(rng: random.Random, number: int, countries: list[str], sectors: list[str]) -> str:
    org = f"XM-BENCH-{number % 20:02d}"
    year = rng.randint(2015, 2025)
    chosen = rng.sample(countries, rng.randint(1, 3))
    shares = [100] if len(chosen) == 1 else [60, 40] if len(chosen) == 2 else [50, 30, 20]
    recipient = "".join(
        f'<recipient-country code="{code}" percentage="{share}"/>\n'
        for code, share in zip(chosen, shares, strict=True)
    )
    sector_codes = rng.sample(sectors, 2)
    budgets = "".join(
        f'<budget type="1" status="{1 + (y > year)}"><period-start iso-date="{y}-01-01"/>'
        f'<period-end iso-date="{y}-12-31"/>'
        f'<value currency="USD" value-date="{y}-01-01">{rng.randint(10_000, 5_000_000)}.00</value>'
        "</budget>\n"
        for y in range(year, year + 3)
    )
    transactions = "".join(
        f'<transaction><transaction-type code="{code}"/>'
        f'<transaction-date iso-date="{year}-{month:02d}-15"/>'
        f'<value currency="USD" value-date="{year}-{month:02d}-15">'
        f"{rng.randint(1_000, 900_000)}.{rng.randint(0, 99):02d}</value>"
        f"<description><narrative>{_sentence(rng, 6)}</narrative></description>"
        f'<provider-org ref="{org}"><narrative>Agency {org}</narrative></provider-org>'
        f'<receiver-org ref="XM-PARTNER-{rng.randint(1, 500)}"><narrative>Partner '
        f"{rng.randint(1, 500)}</narrative></receiver-org></transaction>\n"
        for month, code in enumerate(["2", "3", "3", "3", "4", "4", "4", "4"], start=1)
    )
    indicators = "".join(
        f'<indicator measure="1" ascending="1"><title><narrative>{_sentence(rng, 5)}</narrative>'
        f'</title><baseline year="{year}" iso-date="{year}-01-01" value="0"/>'
        + "".join(
            f'<period><period-start iso-date="{y}-01-01"/><period-end iso-date="{y}-12-31"/>'
            f'<target value="{rng.randint(50, 900)}"/><actual value="{rng.randint(0, 900)}"/>'
            "</period>"
            for y in (year, year + 1)
        )
        + "</indicator>"
        for _ in range(2)
    )
    return (
        f'<iati-activity last-updated-datetime="2026-01-0{1 + number % 9}T10:00:00Z" '
        f'xml:lang="en" default-currency="USD">\n'
        f"<iati-identifier>{org}-{number:08d}</iati-identifier>\n"
        f'<reporting-org ref="{org}" type="40"><narrative>Agency {org}</narrative>'
        "</reporting-org>\n"
        f"<title><narrative>{_sentence(rng, 8)}</narrative>"
        f'<narrative xml:lang="es">{_sentence(rng, 8)}</narrative></title>\n'
        f'<description type="1"><narrative>{_sentence(rng, 70)}</narrative></description>\n'
        f'<description type="2"><narrative>{_sentence(rng, 30)}</narrative></description>\n'
        f'<participating-org ref="XM-DONOR-{rng.randint(1, 30)}" role="1" type="10">'
        "<narrative>A donor</narrative></participating-org>\n"
        f'<participating-org ref="{org}" role="3" type="40"><narrative>Agency</narrative>'
        "</participating-org>\n"
        f'<participating-org ref="{org}" role="4" type="40"><narrative>Agency</narrative>'
        "</participating-org>\n"
        f'<activity-status code="{rng.randint(1, 4)}"/>\n'
        f'<activity-date iso-date="{year}-01-01" type="1"/>'
        f'<activity-date iso-date="{year}-02-01" type="2"/>'
        f'<activity-date iso-date="{year + 3}-12-31" type="3"/>\n'
        f"{recipient}"
        f'<sector vocabulary="1" code="{sector_codes[0]}" percentage="60"/>'
        f'<sector vocabulary="1" code="{sector_codes[1]}" percentage="40"/>\n'
        f"{budgets}{transactions}"
        f'<result type="2" aggregation-status="0"><title><narrative>{_sentence(rng, 6)}'
        f"</narrative></title>{indicators}</result>\n"
        "</iati-activity>\n"
    )


def generate_synthetic(path: Path, size_mb: int) -> int:
    """Write an IATI file of about `size_mb` MB of made-up activities; return how many."""
    from poolfund.iati.codelists import codelist

    if path.exists() and path.stat().st_size >= size_mb * MB:
        return int(path.with_suffix(".count").read_text())
    rng = random.Random(size_mb)
    countries, sectors = list(codelist("Country")), list(codelist("Sector"))
    path.parent.mkdir(parents=True, exist_ok=True)
    written, number = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        written += out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<iati-activities version="2.03" generated-datetime="2026-01-15T10:00:00Z">\n'
        )
        while written < size_mb * MB:
            written += out.write(_activity(rng, number, countries, sectors))
            number += 1
        out.write("</iati-activities>\n")
    path.with_suffix(".count").write_text(str(number))
    return number


# Measurements, each run in a child process ---------------------------------------------------


def extract_ours(path: Path, validate: bool) -> int:
    from poolfund.iati.reader import read_activities

    return sum(1 for _record in read_activities(path, validate=validate))


def extract_iatikit(path: Path) -> int:
    """The same fields through iatikit: its Activity API for what it offers, else its tree.

    (iatikit's `sector` property needs codelists downloaded from the internet, so sectors are
    read from its tree like the other elements it has no property for.)
    """
    import iatikit

    count = 0
    for activity in iatikit.Dataset(str(path)).activities:
        tree = activity.etree
        fields = [
            activity.iati_identifier,
            activity.title,
            activity.description,
            activity.planned_start,
            activity.actual_start,
            activity.planned_end,
            activity.actual_end,
            tree.get("default-currency"),
            tree.get("last-updated-datetime"),
            tree.xpath("reporting-org/@ref"),
            tree.xpath("reporting-org/narrative/text()"),
            tree.xpath("activity-status/@code"),
            [(o.get("ref"), o.get("role"), o.xpath("narrative/text()")) for o in tree.xpath(
                "participating-org")],
            [(c.get("code"), c.get("percentage")) for c in tree.xpath("recipient-country")],
            [(r.get("code"), r.get("percentage")) for r in tree.xpath("recipient-region")],
            [(s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in tree.xpath(
                "sector")],
            [
                (b.get("type"), b.xpath("period-start/@iso-date"), b.xpath("value/text()"))
                for b in tree.xpath("budget")
            ],
            [
                (
                    t.xpath("transaction-type/@code"),
                    t.xpath("transaction-date/@iso-date"),
                    t.xpath("value/text()"),
                    t.xpath("value/@currency"),
                    t.xpath("provider-org/@ref"),
                    t.xpath("receiver-org/narrative/text()"),
                )
                for t in tree.xpath("transaction")
            ],
            [
                (r.xpath("title/narrative/text()"), r.xpath("indicator/period/target/@value"))
                for r in tree.xpath("result")
            ],
        ]  # fmt: skip
        count += len(fields) > 0
    return count


def generate(path: Path, size_mb: int, synthetic: bool) -> int:
    if path.exists() and path.with_suffix(".count").exists():
        return int(path.with_suffix(".count").read_text())
    if synthetic:
        return generate_synthetic(path, size_mb)
    sys.path.insert(0, str(ROOT / "bench"))
    from iati_generate import generate as generate_real

    count = generate_real(path, size_mb)
    path.with_suffix(".count").write_text(str(count))
    return count


def prepare_database() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_geo", verbosity=0)


def full_import(path: Path) -> int:
    from poolfund.iati.services import import_iati_file

    report = import_iati_file(path=path)
    assert not report.refused, report.refused
    return report.created + report.updated + report.unchanged


def prepare_reimport(path: Path) -> None:
    prepare_database()
    full_import(path)


def import_ours() -> None:
    import poolfund.iati.reader  # noqa: F401


def import_iatikit() -> None:
    import iatikit  # noqa: F401


# phase: (untimed preparation, timed work returning the number of activities); each reader's
# modules are imported before the clock starts, so that the time is the reading alone
PHASES = {
    "ours": (import_ours, lambda path: extract_ours(path, validate=True)),
    "ours-no-schema-check": (import_ours, lambda path: extract_ours(path, validate=False)),
    "iatikit": (import_iatikit, extract_iatikit),
    "import": (prepare_database, full_import),
    "reimport": (prepare_reimport, full_import),
}


def run_phase(phase: str, path: Path) -> None:
    prepare, work = PHASES[phase]
    if prepare is prepare_reimport:
        prepare(path)
    elif prepare:
        prepare()
    started, cpu_started = time.perf_counter(), time.process_time()
    activities = work(path)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"activities": activities, "seconds": seconds, "cpu": cpu_seconds, "peak_mb": peak_mb}
        )
    )


def measure(phase: str, path: Path, database_url: str | None = None) -> dict:
    env = {**os.environ, "SECRET_KEY": "bench", "DJANGO_SETTINGS_MODULE": "poolfund.settings"}
    if database_url:
        env["DATABASE_URL"] = database_url
    output = subprocess.run(
        [sys.executable, __file__, "--phase", phase, str(path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {**json.loads(output.strip().splitlines()[-1]), "load": os.getloadavg()[0]}


def best_of(repeat: int, phases: list[str], path: Path) -> dict[str, dict]:
    """Each phase `repeat` times, the phases taking turns so that a burst of load from other
    processes on a shared machine hits them alike; for each, its fastest wall clock and CPU
    time (the least disturbed) and its largest peak memory."""
    runs: dict[str, list[dict]] = {phase: [] for phase in phases}
    for _round in range(repeat):
        for phase in phases:
            runs[phase].append(measure(phase, path))
    return {
        phase: {
            "activities": results[0]["activities"],
            "seconds": min(result["seconds"] for result in results),
            "cpu": min(result["cpu"] for result in results),
            "peak_mb": max(result["peak_mb"] for result in results),
            "load": max(result["load"] for result in results),
        }
        for phase, results in runs.items()
    }


def fresh_postgres(url: str) -> str:
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0]
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def report_line(label: str, size_mb: float, result: dict) -> str:
    rate = result["activities"] / result["seconds"]
    return (
        f"{label:<34} {size_mb:>7.0f} MB {result['activities']:>9} act "
        f"{result['seconds']:>7.1f} s (CPU {result['cpu']:>6.1f} s) {rate:>6.0f} act/s "
        f"{size_mb / result['seconds']:>6.2f} MB/s "
        f"peak {result['peak_mb']:>7.0f} MB  load {result['load']:.1f}"
    )


def ratio_line(label: str, result: dict, reader: dict) -> str:
    """How the import's rate compares with the reader's in the same run (1.00: as fast)."""
    return (
        f"  {label} / reader activities per second: "
        f"{reader['seconds'] / result['seconds']:.2f}x wall clock, "
        f"{reader['cpu'] / result['cpu']:.2f}x CPU time (this process only)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("file", nargs="?", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sizes-mb", default="100,1000", help="file sizes (default 100,1000)")
    parser.add_argument("--quick", action="store_true", help="one 10 MB file, for a quick run")
    parser.add_argument(
        "--iatikit-max-mb", type=int, default=300, help="largest file given to iatikit (RAM)"
    )
    parser.add_argument(
        "--import-max-mb", type=int, default=100, help="largest file imported into databases"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each extraction, fastest kept (default 3)"
    )
    parser.add_argument("--postgres", metavar="URL", help="also import into this database")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/poolfund-iati-bench"))
    parser.add_argument(
        "--synthetic", action="store_true", help="made-up activities instead of real ones"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if args.phase:
        run_phase(args.phase, args.file)
        return

    sizes = [10] if args.quick else [int(size) for size in args.sizes_mb.split(",")]
    print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
    kind = "synthetic" if args.synthetic else "real"
    for size in sizes:
        path = args.workdir / f"activities-{kind}-{size}mb.xml"
        count = generate(path, size, args.synthetic)
        actual_mb = path.stat().st_size / MB
        print(f"\n{path} ({actual_mb:.0f} MB, {count} activities)")
        readers = ["ours", "ours-no-schema-check"]
        if size <= args.iatikit_max_mb:
            readers.append("iatikit")
        extraction = best_of(args.repeat, readers, path)
        for phase, result in extraction.items():
            print(report_line(f"extract: {phase}", actual_mb, result))
        if "iatikit" in extraction:
            theirs = extraction["iatikit"]
            for phase in ["ours", "ours-no-schema-check"]:
                ours = extraction[phase]
                print(
                    f"  {phase} / iatikit activities per second: "
                    f"{theirs['seconds'] / ours['seconds']:.2f}x wall clock, "
                    f"{theirs['cpu'] / ours['cpu']:.2f}x CPU time"
                )
        if size > args.import_max_mb:
            continue
        databases = [("SQLite", lambda size=size: sqlite_url(args.workdir, size))]
        if args.postgres:
            databases.append(("PostgreSQL", lambda: fresh_postgres(args.postgres)))
        for name, fresh in databases:
            for phase, label in [("import", "import"), ("reimport", "re-import, unchanged")]:
                result = measure(phase, path, fresh())
                print(report_line(f"{label}: {name}", actual_mb, result))
                print(ratio_line(f"{label}: {name}", result, extraction["ours"]))


def sqlite_url(workdir: Path, size: int) -> str:
    database = workdir / f"bench-{size}.sqlite3"
    for stale in workdir.glob(f"bench-{size}.sqlite3*"):
        stale.unlink()
    return f"sqlite:///{database}"


if __name__ == "__main__":
    main()
