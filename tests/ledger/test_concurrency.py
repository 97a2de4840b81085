import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections

from poolfund.ledger import selectors, services
from poolfund.ledger.choices import AccountKind
from tests.ledger.conftest import deposit


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_transfers_beyond_the_balance_exactly_one_succeeds(fee_rate):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; row locks need PostgreSQL (DATABASE_URL).")
    pool = services.account_for_party(AccountKind.FUND_CASH, "race", "Race pool")
    donor = services.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "race", "Donor")
    organisations = [
        services.account_for_party(AccountKind.ORGANISATION_TRANSFERS, f"race-{n}", f"Org {n}")
        for n in range(2)
    ]
    deposit(pool, donor, "1000.00")  # 990.00 after the fee
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def transfer(organisation):
        try:
            start.wait()
            services.transfer_from_pool(
                actor=None,
                pool=pool,
                to_account=organisation,
                amount=Decimal("600.00"),
                occurred_on=date(2024, 1, 11),
            )
            outcomes.append("done")
        except services.InsufficientFunds:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=transfer, args=(org,)) for org in organisations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    assert selectors.account_balance(pool) == Decimal("390.00")
