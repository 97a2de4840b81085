"""Fund → organisation transfers for a Joint Programme, posted to the ledger."""

import threading
import time
from datetime import date
from decimal import Decimal
from types import ModuleType

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection, connections

from poolfund.framework.models import ThematicArea
from poolfund.geo.models import Country, Region
from poolfund.ledger import services as ledger
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.models import LedgerTransaction
from poolfund.ledger.selectors import account_balance
from poolfund.programmes import selectors
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.closure import close_operationally
from poolfund.programmes.errors import BudgetRuleBroken, IllegalTransition
from poolfund.programmes.selectors import (
    delivery,
    transferred_by_organisation,
)
from poolfund.programmes.services import expenditure, transfers
from poolfund.programmes.services.expenditure import record_expenditure
from poolfund.programmes.services.transfers import organisation_account, transfer_to_organisation
from tests.ledger.conftest import deposit
from tests.programmes.factories import Cast, note_in, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    """Thematic area 2; IOM's approved share is USD 540,000, UNICEF's 360,000."""
    return note_in(State.JOINT_PROGRAMME, cast).joint_programme


def pool_with(amount: str, *, key: str = "test-pool", area: ThematicArea | None = None):
    """A pool of Fund cash holding a deposit (less the Administrative Agent's fee)."""
    pool = ledger.account_for_party(AccountKind.FUND_CASH, key, key, thematic_area=area)
    donor = ledger.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "test-donor", "Test donor")
    deposit(pool, donor, amount)
    return pool


def send(cast, programme, amount: str, *, pool, acronym: str = "IOM", actor=None):
    return transfer_to_organisation(
        actor=actor or cast.fmu,
        programme=programme,
        organisation=organisation(acronym),
        amount_usd=Decimal(amount),
        occurred_on=date(2025, 2, 1),
        pool=pool,
    )


def test_a_transfer_is_a_balanced_ledger_transaction_that_counts_for_delivery(cast, programme):
    pool = pool_with("1000000")
    before = account_balance(pool)
    transfer = send(cast, programme, "300000", pool=pool)
    entries = {e.account.key: e.amount for e in transfer.transaction.entries.all()}
    assert entries == {"test-pool": Decimal("-300000"), "IOM": Decimal("300000")}
    assert account_balance(pool) == before - Decimal("300000")
    spend(cast, programme, "150000")
    rows = {row.organisation.acronym: row for row in delivery(programme)}
    assert rows["IOM"].transferred_usd == Decimal("300000")
    assert rows["IOM"].delivery_rate == Decimal("0.5000")
    assert rows["UNICEF"].delivery_rate is None


def test_a_transfer_cannot_exceed_the_organisation_approved_share(cast, programme):
    pool = pool_with("2000000")
    send(cast, programme, "500000", pool=pool)
    posted = LedgerTransaction.objects.count()
    with pytest.raises(BudgetRuleBroken, match="would exceed the approved budget"):
        send(cast, programme, "40000.01", pool=pool)
    assert LedgerTransaction.objects.count() == posted
    send(cast, programme, "40000.00", pool=pool)
    assert transferred_by_organisation(programme)[organisation("IOM").pk] == Decimal("540000")


def test_a_transfer_cannot_exceed_what_the_pool_holds(cast, programme):
    pool = pool_with("100000")
    with pytest.raises(ledger.InsufficientFunds):
        send(cast, programme, "100000.01", pool=pool)
    assert not programme.transfers.exists()


def test_money_earmarked_to_another_thematic_area_stays_there(cast, programme):
    data_pool = pool_with("500000", key="ta1", area=ThematicArea.objects.get(number=1))
    with pytest.raises(ledger.EarmarkViolation):
        send(cast, programme, "1000", pool=data_pool)
    protection_pool = pool_with("500000", key="ta2", area=programme.thematic_area)
    before = account_balance(protection_pool)
    send(cast, programme, "1000", pool=protection_pool)
    assert account_balance(protection_pool) == before - Decimal("1000")


def test_money_earmarked_to_a_country_or_region_goes_only_to_a_programme_there(cast, programme):
    """The programme works in Mexico."""
    donor = ledger.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "test-donor", "Test donor")
    europe, latin_america = Region.objects.get(m49_code="150"), Region.objects.get(m49_code="419")
    for elsewhere in (
        ledger.fund_pool(region=europe),
        ledger.fund_pool(country=Country.objects.get(iso3="PER")),
    ):
        deposit(elsewhere, donor, "10000")
        with pytest.raises(ledger.EarmarkViolation):
            send(cast, programme, "1000", pool=elsewhere)
    for there in (
        ledger.fund_pool(region=latin_america),
        ledger.fund_pool(country=Country.objects.get(iso3="MEX")),
    ):
        deposit(there, donor, "10000")
        send(cast, programme, "1000", pool=there)
        assert account_balance(there) == Decimal("8900")


def test_a_reversed_transfer_no_longer_counts(cast, programme):
    pool = pool_with("1000000")
    transfer = send(cast, programme, "540000", pool=pool)
    ledger.reverse_transaction(
        actor=cast.fmu, original=transfer.transaction, reason="sent to the wrong account"
    )
    assert transferred_by_organisation(programme)[organisation("IOM").pk] == Decimal("0")
    send(cast, programme, "540000", pool=pool)
    assert account_balance(organisation_account(organisation("IOM"))) >= Decimal("540000")


def test_only_the_fmu_transfers(cast, programme):
    pool = pool_with("1000000")
    for person in (cast.steering, cast.organisation, cast.donor):
        with pytest.raises(PermissionDenied):
            send(cast, programme, "1000", pool=pool, actor=person)


def test_nothing_is_transferred_to_a_closed_programme_or_an_organisation_outside_it(
    cast, programme
):
    pool = pool_with("1000000")
    with pytest.raises(BudgetRuleBroken, match="UNHCR has no share"):
        send(cast, programme, "1000", pool=pool, acronym="UNHCR")
    close_operationally(
        actor=cast.fmu, programme=programme, closed_on=date(2025, 6, 30), remarks="done"
    )
    with pytest.raises(IllegalTransition, match="only to active programmes"):
        send(cast, programme, "1000", pool=pool)


def read_slowly(monkeypatch, service: ModuleType, name: str) -> None:
    """The service's sum of what is used takes half a second, so that two writers started
    together both read it before either writes, unless the budget line's lock holds one back."""
    read = getattr(service, name)

    def slowly(programme):
        used = read(programme)
        time.sleep(0.5)
        return used

    monkeypatch.setattr(service, name, slowly)


def spend(cast, programme, amount: str):
    return record_expenditure(
        actor=cast.organisation,
        programme=programme,
        organisation=organisation("IOM"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        amount_usd=Decimal(amount),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("what", ["transfer", "expenditure"])
def test_two_simultaneous_writes_beyond_the_share_exactly_one_succeeds(what, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; row locks need PostgreSQL (DATABASE_URL).")
    call_command("load_demo", verbosity=0)
    cast = Cast.create()
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    pool = pool_with("2000000", key="race")
    write, service, used = {
        "transfer": (
            lambda: send(cast, programme, "300000", pool=pool),
            transfers,
            "transferred_by_organisation",
        ),
        "expenditure": (
            lambda: spend(cast, programme, "300000"),
            expenditure,
            "expenditure_by_organisation",
        ),
    }[what]
    read_slowly(monkeypatch, service, used)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def at_once():
        try:
            start.wait()
            write()
            outcomes.append("done")
        except BudgetRuleBroken:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=at_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    assert getattr(selectors, used)(programme)[organisation("IOM").pk] == Decimal("300000")


def test_the_fmu_transfers_on_the_programme_page(client, cast, programme):
    pool = pool_with("1000000")
    url = f"/programmes/{programme.code}/"
    client.force_login(cast.steering)
    assert 'data-testid="transfer-form"' not in client.get(url).content.decode()
    client.force_login(cast.fmu)
    assert 'data-testid="transfer-form"' in client.get(url).content.decode()
    fields = {
        "organisation": organisation("UNICEF").pk,
        "pool": pool.pk,
        "occurred_on": "2025-03-01",
    }
    client.post(f"{url}transfers/", {**fields, "amount_usd": "360000"})
    refused = client.post(f"{url}transfers/", {**fields, "amount_usd": "0.01"}, follow=True)
    assert "would exceed the approved budget" in refused.content.decode()
    page = client.get(url).content.decode()
    assert "360,000.00" in page and 'data-testid="transfers"' in page
    assert transferred_by_organisation(programme) == {organisation("UNICEF").pk: Decimal("360000")}
