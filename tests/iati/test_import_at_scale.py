"""The import at the scale of the whole IATI datastore: flat memory, unchanged files skipped,
knowledge indexed after the import, several files at a time where the database allows."""

import io
import os
import resource
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from bench.iati_generate import generate
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django_tasks_db.models import DBTaskResult

from poolfund.iati import services
from poolfund.iati.bulk import insert_rows
from poolfund.iati.models import ExternalActivity, ExternalBudget, ExternalTransaction, IatiImport
from poolfund.iati.services import import_iati_file, import_iati_files_in_parallel

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


def test_an_unchanged_file_is_not_read_again_and_reports_the_same(fixture_file, monkeypatch):
    first = import_iati_file(path=fixture_file("legacy_constructs_in_203.xml"))
    before = list(ExternalActivity.objects.values_list("pk", "updated_at"))

    def unreadable(*args, **kwargs):
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr(services, "read_activities", unreadable)
    again = import_iati_file(path=fixture_file("legacy_constructs_in_203.xml"))

    assert again.problems == first.problems and first.problems
    assert (again.read, again.created, again.updated, again.unchanged, again.skipped) == (
        first.read,
        0,
        0,
        first.created,
        first.skipped,
    )
    assert list(ExternalActivity.objects.values_list("pk", "updated_at")) == before
    assert IatiImport.objects.count() == 2  # each run is still logged


def test_a_file_whose_activity_another_file_rewrote_is_read_again(fixture_file, tmp_path):
    original = tmp_path / "a.xml"
    original.write_bytes(fixture_file("valid.xml").read_bytes())
    other = tmp_path / "b.xml"
    other.write_text(
        original.read_text().replace("Data on migration in the Caribbean", "Another title")
    )
    import_iati_file(path=original)
    assert import_iati_file(path=other).updated == 1

    again = import_iati_file(path=original)

    assert (again.updated, again.unchanged) == (1, 1)
    assert ExternalActivity.objects.filter(title="Another title").count() == 0


def test_the_schema_check_option_is_part_of_an_unchanged_file(fixture_file):
    unchecked = import_iati_file(path=fixture_file("location_without_codes.xml"), validate=False)
    checked = import_iati_file(path=fixture_file("location_without_codes.xml"))
    assert not [p for p in unchecked.problems if p.kind == "schema"]
    assert [p for p in checked.problems if p.kind == "schema"]
    assert checked.updated == 1


def test_the_import_queues_the_knowledge_job_only_when_it_wrote(
    fixture_file, django_capture_on_commit_callbacks
):
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            import_iati_file(path=fixture_file("valid.xml"))
    queued = DBTaskResult.objects.get()
    assert queued.task_name.endswith("announce_activities_written")
    assert queued.args_kwargs["kwargs"] == {"import_id": IatiImport.objects.earliest("pk").pk}


def test_several_jobs_are_refused_on_sqlite(fixture_file):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("import", "iati", str(fixture_file("valid.xml")), "--jobs", "2")


@pytest.mark.django_db(transaction=True)
def test_two_jobs_import_a_directory_each_file_whole(fixture_file, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("several processes write at once on PostgreSQL only")
    names = ["valid.xml", "legacy_constructs_in_203.xml", "location_without_codes.xml"]
    for name in names:
        (tmp_path / name).write_bytes(fixture_file(name).read_bytes())
    (tmp_path / "same-keys.xml").write_bytes(fixture_file("valid.xml").read_bytes())

    paths = sorted(tmp_path.glob("*.xml"))
    reports = list(import_iati_files_in_parallel(paths, jobs=2))

    assert sorted(report.path for report in reports) == [str(path) for path in paths]
    assert not [report.refused for report in reports if report.refused]
    by_name = {Path(report.path).name: report for report in reports}
    same = (by_name["valid.xml"], by_name["same-keys.xml"])
    assert sum(report.created for report in same) == 2  # one file created, the other found them
    assert ExternalActivity.objects.filter(iati_identifier__startswith="XM-DAC-41301").count() == 2
    assert IatiImport.objects.count() == 4
    out = io.StringIO()
    call_command("import", "iati", str(tmp_path), "--jobs", "2", stdout=out)
    assert out.getvalue().count(" 0 created, 0 updated") == 4


# The old import (before issue 15) held a file's activities for the knowledge index until the
# file committed, then loaded the sentence model and embedded them all: 50 MB of real
# activities took more address space than this (and 668 MB resident); the import now needs
# well under it, whatever the file's size.
ADDRESS_SPACE_LIMIT = 800 * MB


@pytest.mark.slow
def test_a_50_mb_file_imports_within_a_fixed_memory_ceiling(shared_iati, tmp_path):
    big = tmp_path / "big.xml"
    activities = generate(big, 50)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "poolfund.settings",
        "SECRET_KEY": "memory-ceiling-test",
        "PYTHONPATH": str(ROOT / "src"),
    }
    subprocess.run([sys.executable, "-m", "poolfund.cli", "migrate", "-v0"], env=env, check=True)

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))

    command = ["import", "iati", str(big), "--no-progress", "-v1"]
    done = subprocess.run(
        [sys.executable, "-m", "poolfund.cli", *command],
        env=env,
        preexec_fn=limit_memory,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"{activities} activities read, {activities} created" in done.stdout
    assert not ExternalTransaction.objects.exists()  # the child wrote its own database


def test_numbers_python_reads_but_sql_does_not_are_stored_as_plain_decimals(fixture_file, tmp_path):
    # Parts are written as the reader's text (no Decimal per row): "1_000" and other digits,
    # which Decimal() accepts, would fail in SQL or be kept as text by SQLite.
    path = tmp_path / "digits.xml"
    path.write_text(
        fixture_file("valid.xml")
        .read_text()
        .replace(">1500000.50<", ">1_500_000.50<")
        .replace(">2000000<", ">\u0662\u0660\u0660<")
    )
    report = import_iati_file(path=path)
    assert report.created == 2
    values = set(ExternalBudget.objects.values_list("value", flat=True))
    assert {Decimal("1500000.50"), Decimal("200")} <= values


def test_a_failed_bulk_insert_is_a_django_database_error():
    with pytest.raises(DatabaseError), transaction.atomic():  # an activity needs its keys
        insert_rows(ExternalActivity._meta.db_table, ["title"], [("no keys",)])


@pytest.mark.django_db(transaction=True)
def test_a_worker_starts_its_next_file_on_a_fresh_connection(monkeypatch, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("workers run on PostgreSQL only")

    def collides(**kwargs):
        ExternalActivity.objects.exists()  # the connection is open when the collision comes
        raise DatabaseError("deadlock detected")

    monkeypatch.setattr(services, "import_iati_file", collides)

    assert services._import_in_a_process(tmp_path / "a.xml", validate=True) is None
    assert connection.connection is None
