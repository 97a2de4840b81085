"""`poolfund backup` and `poolfund restore`: every row comes back exactly, or nothing does."""

import gzip
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from poolfund.accounts.models import User
from poolfund.ops.backup import write_backup
from tests.ops.scratch import poolfund, scratch_database, table_rows


def populate(database_url: str, tmp_path) -> None:
    run = {"database_url": database_url, "tmp_path": tmp_path}
    poolfund("migrate", "--noinput", **run)
    poolfund("load-demo", **run)
    poolfund("api-token", "create", "demo-fmu", "--name", "nightly <export>", **run)
    poolfund("createuser", "--role", "government-focal-point", "--country", "SLV",
             "--password", "a long enough passphrase", "carlos", **run)  # fmt: skip


LEDGER_BALANCES = """
import json
from poolfund.ledger.models import LedgerAccount
from poolfund.ledger.selectors import account_balance, fund_balance
balances = {"fund": str(fund_balance())}
for account in LedgerAccount.objects.all():
    for currency in set(account.entries.values_list("currency", flat=True)):
        balances[f"{account.kind}:{account.key}:{currency}"] = str(
            account_balance(account, currency=currency)
        )
print(json.dumps(balances))
"""


def ledger_balances(database_url: str, tmp_path) -> dict[str, str]:
    shell = poolfund("shell", "-c", LEDGER_BALANCES, database_url=database_url, tmp_path=tmp_path)
    return json.loads(shell.stdout.splitlines()[-1])


@pytest.mark.slow
def test_a_restored_backup_reproduces_every_row_of_every_table(tmp_path):
    backup = tmp_path / "poolfund.jsonl.gz"
    with (
        scratch_database("backup_source", tmp_path) as source,
        scratch_database("backup_target", tmp_path) as target,
    ):
        populate(source, tmp_path)
        poolfund("backup", "-o", str(backup), database_url=source, tmp_path=tmp_path)
        poolfund("migrate", "--noinput", database_url=target, tmp_path=tmp_path)
        poolfund("restore", str(backup), database_url=target, tmp_path=tmp_path)

        original, restored = table_rows(source), table_rows(target)
        assert original.keys() == restored.keys()
        for table, rows in original.items():
            assert restored[table] == rows, f"{table} differs after the restore"
        assert sum(len(rows) for rows in original.values()) > 400

        balances = ledger_balances(source, tmp_path)
        assert Decimal(balances["fund"]) > 0 and len(balances) > 5
        assert ledger_balances(target, tmp_path) == balances

        # Keys continue after the restored ones: the restored database takes new records.
        poolfund("createuser", "--role", "fmu", "--password", "a long enough passphrase", "new",
                 database_url=target, tmp_path=tmp_path)  # fmt: skip


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_records(tmp_path):
    backup = tmp_path / "poolfund.jsonl.gz"
    write_backup(backup)
    users = User.objects.count()
    with pytest.raises(CommandError, match=r"only into an empty database.*geo.country"):
        call_command("restore", str(backup))
    assert User.objects.count() == users


def rewrite(source, target, change) -> None:
    with gzip.open(source, "rt") as lines:
        rows = [json.loads(line) for line in lines]
    with gzip.open(target, "wt") as out:
        out.writelines(json.dumps(row) + "\n" for row in change(rows))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_from_another_migration_state(tmp_path):
    backup, altered = tmp_path / "poolfund.jsonl.gz", tmp_path / "altered.jsonl.gz"
    write_backup(backup)

    def add_a_migration(rows):
        rows[0]["migrations"].append(["ledger", "9999_from_a_later_version"])
        return rows

    rewrite(backup, altered, add_a_migration)
    with pytest.raises(
        CommandError, match=r"migrations differ.*backup only: ledger.9999_from_a_later_version"
    ):
        call_command("restore", str(altered))


@pytest.mark.django_db(transaction=True)
def test_a_cut_short_backup_restores_nothing(tmp_path):
    backup, cut = tmp_path / "poolfund.jsonl.gz", tmp_path / "cut.jsonl.gz"
    User.objects.create(username="kept-out")
    write_backup(backup)
    User.objects.all().delete()
    rewrite(backup, cut, lambda rows: rows[: len(rows) // 2])
    with pytest.raises(CommandError, match="cut short"):
        call_command("restore", str(cut))
    assert not User.objects.exists()


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    with pytest.raises(CommandError, match="not a readable PoolFund backup"):
        call_command("restore", str(text))
