"""A process killed in the middle of its work leaves nothing half-written: a Joint Programme's
transfer (issue 04, through the ledger) and an IATI import (issue 07) are either whole or absent,
and the same work then succeeds."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ops.scratch import kill_midway, poolfund, scratch_database

STATE = """
import json
from collections.abc import Iterator
from django.apps import apps
from poolfund.ledger.selectors import fund_balance, unbalanced_transactions
counts = {
    model._meta.label_lower: model._base_manager.count()
    for model in apps.get_models()
    if model._meta.app_label in {"ledger", "programmes", "iati", "audit"}
}
counts.update(unbalanced=len(unbalanced_transactions()), fund=str(fund_balance()))
print(json.dumps(counts))
"""

# A Joint Programme with IOM's share of its budget, and a funded pool (the tests' own factories,
# which go through the services).
PROGRAMME = """
from tests.programmes.factories import Cast, State, note_in
from tests.programmes.test_transfers import pool_with
note_in(State.JOINT_PROGRAMME, Cast.create())
pool_with("1000000")
"""

TRANSFER = """
from datetime import date
from decimal import Decimal
from poolfund.accounts.models import User
from poolfund.ledger.models import LedgerAccount
from poolfund.programmes.models import ProgrammeBudgetLine
from poolfund.programmes.services.transfers import transfer_to_organisation
# IOM's line of the factory's programme: the newest (the demo's programmes have IOM lines too).
line = ProgrammeBudgetLine.objects.filter(organisation__acronym="IOM").latest("pk")
transfer_to_organisation(
    actor=User.objects.get(username="demo-fmu"),
    programme=line.programme,
    organisation=line.organisation,
    amount_usd=Decimal("1000.00"),
    occurred_on=date(2024, 9, 1),
    pool=LedgerAccount.objects.get(key="test-pool"),
)
"""

IATI_FILE = Path(__file__).resolve().parents[1] / "iati" / "fixtures" / "valid.xml"
IMPORT = f"""
from django.core.management import call_command
call_command("import", "iati", {str(IATI_FILE)!r}, "--no-progress")
"""


def state(database_url: str, tmp_path) -> dict:
    shell = poolfund("shell", "-c", STATE, database_url=database_url, tmp_path=tmp_path)
    return json.loads(shell.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def demo_with_a_programme(tmp_path_factory) -> Iterator[str]:
    """One migrated database with the demo data and a funded Joint Programme, which each test
    copies: migrating and loading it take most of the time."""
    tmp_path = tmp_path_factory.mktemp("killed_midway")
    with scratch_database("killed_midway_demo", tmp_path) as database_url:
        run = {"database_url": database_url, "tmp_path": tmp_path}
        poolfund("migrate", "--noinput", **run)
        poolfund("load-demo", **run)
        poolfund("shell", "-c", PROGRAMME, **run)
        yield database_url


@pytest.mark.parametrize(
    ("work", "body", "after_sql"),
    [
        ("transfer, ledger posted", TRANSFER, r'INSERT INTO "ledger_ledgerentry"'),
        ("transfer, link written", TRANSFER, r'INSERT INTO "programmes_programmetransfer"'),
        ("IATI import, first activities", IMPORT, r'INSERT INTO "iati_externalactivity"'),
        ("IATI import, import logged", IMPORT, r'INSERT INTO "iati_iatiimport"'),
    ],
)
def test_work_killed_midway_leaves_no_trace_and_can_be_done_again(
    tmp_path, demo_with_a_programme, work, body, after_sql
):
    with scratch_database("killed_midway", tmp_path, copy_of=demo_with_a_programme) as database_url:
        run = {"database_url": database_url, "tmp_path": tmp_path}
        before = state(database_url, tmp_path)
        assert before["unbalanced"] == 0

        kill_midway(body, after_sql=after_sql, **run)
        assert state(database_url, tmp_path) == before, f"{work}: something was left behind"

        poolfund("shell", "-c", body, **run)
        after = state(database_url, tmp_path)
        assert after != before and after["unbalanced"] == 0
