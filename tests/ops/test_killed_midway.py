"""A process killed in the middle of moving money leaves nothing half-written: the database's
transaction is rolled back, so there is either the whole transfer or none of it."""

import json

import pytest

from tests.ops.scratch import kill_midway, poolfund, scratch_database

LEDGER_STATE = """
import json
from poolfund.ledger.models import LedgerEntry, LedgerTransaction
from poolfund.ledger.selectors import fund_balance, unbalanced_transactions
print(json.dumps({
    "transactions": LedgerTransaction.objects.count(),
    "entries": LedgerEntry.objects.count(),
    "unbalanced": len(unbalanced_transactions()),
    "fund": str(fund_balance()),
}))
"""

TRANSFER = """
from datetime import date
from decimal import Decimal
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.services import account_for_party, fund_pool, transfer_from_pool
transfer_from_pool(
    actor=None,
    pool=fund_pool(),
    to_account=account_for_party(AccountKind.ORGANISATION_TRANSFERS, "IOM", "IOM"),
    amount=Decimal("100000.00"),
    occurred_on=date(2024, 9, 1),
    memo="killed midway",
)
"""


def ledger_state(database_url: str, tmp_path) -> dict:
    shell = poolfund("shell", "-c", LEDGER_STATE, database_url=database_url, tmp_path=tmp_path)
    return json.loads(shell.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    ("moment", "after_sql"),
    [
        ("before the entries", r'INSERT INTO "ledger_ledgertransaction"'),
        ("before the audit event", r'INSERT INTO "ledger_ledgerentry"'),
    ],
)
def test_a_transfer_killed_midway_leaves_no_trace(tmp_path, moment, after_sql):
    with scratch_database("killed_transfer", tmp_path) as database_url:
        run = {"database_url": database_url, "tmp_path": tmp_path}
        poolfund("migrate", "--noinput", **run)
        poolfund("load-demo", **run)
        before = ledger_state(database_url, tmp_path)
        assert before["transactions"] > 0 and before["unbalanced"] == 0

        kill_midway(TRANSFER, after_sql=after_sql, **run)

        assert ledger_state(database_url, tmp_path) == before, f"killed {moment}"
        # The database is usable afterwards, and the same transfer then goes through whole.
        poolfund("shell", "-c", TRANSFER, **run)
        after = ledger_state(database_url, tmp_path)
        assert after["transactions"] == before["transactions"] + 1
        assert after["unbalanced"] == 0
