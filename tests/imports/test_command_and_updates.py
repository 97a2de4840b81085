"""`poolfund import spreadsheet` from the command line, and a changed row as an audited update."""

import io

import pytest
from django.core.management import CommandError, call_command

from poolfund.audit.choices import AuditAction
from poolfund.audit.models import AuditEvent
from poolfund.donors.models import Donor
from tests.imports.helpers import csv_bytes, fmu_person, import_bytes

pytestmark = pytest.mark.django_db
HEADER = ["name", "donor_type", "is_un_member_state", "country"]


def donors_file(tmp_path, *rows):
    path = tmp_path / "donors.csv"
    path.write_bytes(csv_bytes([HEADER, *rows]))
    return path


def run_import(path, *options) -> str:
    out = io.StringIO()
    call_command(
        "import",
        "spreadsheet",
        str(path),
        "--kind",
        "donors",
        *options,
        "--no-progress",
        stdout=out,
    )
    return out.getvalue()


def test_the_command_checks_with_dry_run_then_imports_and_names_the_importer(tmp_path):
    fmu = fmu_person()
    path = donors_file(tmp_path, ["Fondation Exemple", "foundation", "false", ""])
    checked = run_import(path, "--as", fmu.username, "--dry-run")
    assert "1 created" in checked and not Donor.objects.filter(name="Fondation Exemple").exists()
    imported = run_import(path, "--as", fmu.username)
    assert "1 created" in imported
    donor = Donor.objects.get(name="Fondation Exemple")
    assert AuditEvent.objects.filter(object_id=str(donor.pk), actor=fmu).exists()
    assert "0 created, 0 updated, 1 unchanged" in run_import(path, "--as", fmu.username)


def test_the_command_refuses_without_an_importer_or_with_an_unknown_one(tmp_path):
    path = donors_file(tmp_path, ["Fondation Exemple", "foundation", "false", ""])
    with pytest.raises(CommandError, match="--as USERNAME"):
        run_import(path)
    with pytest.raises(CommandError, match="nobody"):
        run_import(path, "--as", "nobody")
    assert not Donor.objects.filter(name="Fondation Exemple").exists()


def test_a_changed_row_is_an_update_audited_with_before_and_after(tmp_path):
    fmu = fmu_person()
    import_bytes(
        tmp_path,
        csv_bytes([HEADER, ["Fondation Exemple", "foundation", "false", ""]]),
        kind="donors",
        actor=fmu,
    )
    report = import_bytes(
        tmp_path,
        csv_bytes([HEADER, ["Fondation Exemple", "ngo", "false", ""]]),
        kind="donors",
        actor=fmu,
    )
    assert report.summary().startswith("0 created, 1 updated, 0 unchanged")
    donor = Donor.objects.get(name="Fondation Exemple")
    event = AuditEvent.objects.filter(object_id=str(donor.pk), action=AuditAction.UPDATE).latest(
        "pk"
    )
    assert event.changes["donor_type"] == ["foundation", "ngo"]
