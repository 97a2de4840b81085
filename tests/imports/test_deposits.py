"""Deposits from a spreadsheet: by record_deposit's rules (written in batches), one transaction
per file, idempotent by bank reference, a changed amount reversed and posted again."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from poolfund.accounts.choices import Role
from poolfund.audit.models import AuditEvent
from poolfund.donors.models import Deposit
from poolfund.imports.models import SpreadsheetImport
from poolfund.inbox.models import Notification
from poolfund.ledger.models import LedgerTransaction
from tests.accounts.factories import user_with_role
from tests.donors.factories import DonorFactory, commitment_for
from tests.imports.helpers import csv_bytes, fmu_person, import_bytes

pytestmark = pytest.mark.django_db
HEADER = ["commitment", "bank_reference", "received_on", "amount", "currency"]


def import_b1(tmp_path, actor, amount: str):
    """Import the one deposit B-1 of 4 March 2024 on IMPORT-C1."""
    content = csv_bytes([HEADER, ["IMPORT-C1", "B-1", "2024-03-04", amount, "USD"]])
    return import_bytes(tmp_path, content, kind="deposits", actor=actor)


@pytest.fixture
def commitment():
    return commitment_for(amount="10000.00", reference="IMPORT-C1")


def test_deposits_are_recorded_through_the_ledger(tmp_path, commitment):
    content = csv_bytes(
        [
            HEADER,
            ["IMPORT-C1", "B-1", "2024-03-04", "1,000.00", "USD"],
            ["IMPORT-C1", "B-2", "05/03/2024", "2.000,50", ""],
        ]
    )
    report = import_bytes(tmp_path, content, kind="deposits", actor=fmu_person())
    assert report.summary().startswith("2 created, 0 updated, 0 unchanged")
    deposits = Deposit.objects.filter(commitment=commitment).order_by("bank_reference")
    assert [(d.bank_reference, d.amount, str(d.received_on)) for d in deposits] == [
        ("B-1", Decimal("1000.00"), "2024-03-04"),
        ("B-2", Decimal("2000.50"), "2024-03-05"),
    ]
    assert all(d.ledger_transaction_id for d in deposits)


def test_the_same_file_twice_changes_nothing(tmp_path, commitment):
    content = csv_bytes([HEADER, ["IMPORT-C1", "B-1", "2024-03-04", "1000.00", "USD"]])
    actor = fmu_person()
    import_bytes(tmp_path, content, kind="deposits", actor=actor)
    transactions = LedgerTransaction.objects.count()
    report = import_bytes(tmp_path, content, kind="deposits", actor=actor)
    assert report.summary().startswith("0 created, 0 updated, 1 unchanged")
    assert LedgerTransaction.objects.count() == transactions


def test_a_file_with_a_bad_row_writes_nothing_and_names_row_and_column(tmp_path, commitment):
    content = csv_bytes(
        [
            HEADER,
            ["IMPORT-C1", "B-1", "2024-03-04", "1000.00", "USD"],
            ["IMPORT-C1", "B-2", "2024-03-04", "lots", "USD"],
            ["NO-SUCH", "B-3", "2024-03-04", "10.00", "USD"],
            ["IMPORT-C1", "B-4", "2024-03-04", "99000.00", "USD"],
        ]
    )
    deposits = Deposit.objects.count()
    events = AuditEvent.objects.count()
    report = import_bytes(tmp_path, content, kind="deposits", actor=fmu_person())
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "amount"),
        (4, "commitment"),
        (5, "amount"),
    ]
    assert not report.written
    assert Deposit.objects.count() == deposits
    assert AuditEvent.objects.count() == events + 0


def test_skipping_bad_rows_imports_the_good_ones_and_audits_the_digest(tmp_path, commitment):
    content = csv_bytes(
        [
            HEADER,
            ["IMPORT-C1", "B-1", "2024-03-04", "1000.00", "USD"],
            ["IMPORT-C1", "B-2", "2024-03-04", "lots", "USD"],
        ]
    )
    report = import_bytes(
        tmp_path, content, kind="deposits", actor=fmu_person(), skip_bad_rows=True
    )
    assert report.written
    assert Deposit.objects.filter(bank_reference="B-1").exists()
    upload = SpreadsheetImport.objects.get(digest=report.digest)
    event = AuditEvent.objects.filter(object_id=str(upload.pk)).latest("pk")
    assert report.digest in event.reason and "skipped rows 3" in event.reason


def test_a_changed_amount_is_a_reversal_and_a_new_deposit(tmp_path, commitment):
    actor = fmu_person()
    import_b1(tmp_path, actor, "1000.00")
    first = Deposit.objects.get(bank_reference="B-1")
    report = import_b1(tmp_path, actor, "1200.00")
    assert report.counts["replaced"] == 1
    assert report.changes[0]["changes"] == {"amount": ["1000.00", "1200.00"]}
    first.refresh_from_db()
    assert first.is_superseded and hasattr(first.ledger_transaction, "reversal")
    current = Deposit.objects.get(bank_reference="B-1", is_superseded=False)
    assert current.amount == Decimal("1200.00") and current.replaces == first
    again = import_b1(tmp_path, actor, "1200.00")
    assert again.counts["unchanged"] == 1


def test_a_deposit_in_another_currency_than_its_commitment_is_refused(tmp_path, commitment):
    content = csv_bytes([HEADER, ["IMPORT-C1", "B-1", "2024-03-04", "1000.00", "EUR"]])
    report = import_bytes(tmp_path, content, kind="deposits", actor=fmu_person())
    assert [(p.row, p.column) for p in report.problems] == [(2, "currency")]


def test_the_importers_roles_are_read_as_often_for_three_rows_as_for_one(tmp_path, commitment):
    """Each row's service checks the importer's right; the roles are read once per file."""
    role_reads = []
    for references in (["R-1"], ["R-2", "R-3", "R-4"]):
        rows = [["IMPORT-C1", reference, "2024-03-04", "10.00", "USD"] for reference in references]
        with CaptureQueriesContext(connection) as queries:
            import_bytes(tmp_path, csv_bytes([HEADER, *rows]), kind="deposits", actor=fmu_person())
        role_reads.append(
            sum(q["sql"].startswith('SELECT "accounts_roleassignment"') for q in queries)
        )
    assert role_reads[0] == role_reads[1]


def test_the_queries_of_a_deposit_import_do_not_grow_with_its_rows(tmp_path):
    for number in range(2):
        commitment_for(amount="1000000.00", reference=f"IMPORT-Q{number}")
    actor = fmu_person()

    def queries_to_import(rows: int, first: int) -> int:
        content = csv_bytes(
            [HEADER]
            + [
                [f"IMPORT-Q{n % 2}", f"Q-{first + n}", "2024-03-04", "10.00", "USD"]
                for n in range(rows)
            ]
        )
        with CaptureQueriesContext(connection) as queries:
            report = import_bytes(tmp_path, content, kind="deposits", actor=actor)
        assert report.counts["created"] == rows
        return len(queries)

    queries_to_import(2, 0)  # the donors' and the pool's accounts are opened
    assert queries_to_import(30, 100) == queries_to_import(3, 200)


def test_a_file_cannot_pay_more_than_remains_due_across_its_rows(tmp_path, commitment):
    content = csv_bytes(
        [
            HEADER,
            ["IMPORT-C1", "B-1", "2024-03-04", "6000.00", "USD"],
            ["IMPORT-C1", "B-2", "2024-03-05", "4000.00", "USD"],
            ["IMPORT-C1", "B-3", "2024-03-06", "0.01", "USD"],
        ]
    )
    report = import_bytes(tmp_path, content, kind="deposits", actor=fmu_person())
    assert [(p.row, p.column) for p in report.problems] == [(4, "amount")]
    assert "0.00 USD remain due" in report.problems[0].message


def test_the_donors_focal_points_are_told_of_each_imported_deposit(tmp_path, commitment):
    told = user_with_role(Role.DONOR_FOCAL_POINT, donor=commitment.donor)
    other = user_with_role(Role.DONOR_FOCAL_POINT, donor=DonorFactory())
    content = csv_bytes(
        [
            HEADER,
            ["IMPORT-C1", "B-1", "2024-03-04", "1000.00", "USD"],
            ["IMPORT-C1", "B-2", "2024-03-05", "2000.00", "USD"],
        ]
    )
    import_bytes(tmp_path, content, kind="deposits", actor=fmu_person())
    deposits = Notification.objects.filter(kind="donors.deposit-recorded")
    assert sorted(n.params["bank_reference"] for n in deposits.filter(recipient=told)) == [
        "B-1",
        "B-2",
    ]
    assert not deposits.filter(recipient=other).exists()


def test_what_remains_due_counts_a_correction_made_between_new_rows(tmp_path, commitment):
    actor = fmu_person()
    import_b1(tmp_path, actor, "1000.00")
    content = csv_bytes(
        [
            HEADER,
            ["IMPORT-C1", "B-2", "2024-03-05", "7000.00", "USD"],
            ["IMPORT-C1", "B-1", "2024-03-04", "3000.00", "USD"],
            ["IMPORT-C1", "B-3", "2024-03-06", "0.01", "USD"],
        ]
    )
    report = import_bytes(tmp_path, content, kind="deposits", actor=actor, skip_bad_rows=True)
    assert report.summary().startswith("1 created, 0 updated, 0 unchanged, 1 deposit reversed")
    assert [(p.row, p.column) for p in report.problems] == [(4, "amount")]
    live = Deposit.objects.filter(commitment=commitment, is_superseded=False)
    assert sorted((d.bank_reference, d.amount) for d in live) == [
        ("B-1", Decimal("3000.00")),
        ("B-2", Decimal("7000.00")),
    ]
