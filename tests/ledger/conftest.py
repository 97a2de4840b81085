from datetime import date
from decimal import Decimal

import pytest

from poolfund.ledger import services
from poolfund.ledger.choices import AccountKind


@pytest.fixture
def donor_account(db):
    return services.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "test-donor", "Test donor")


@pytest.fixture
def organisation(db):
    return services.account_for_party(
        AccountKind.ORGANISATION_TRANSFERS, "test-organisation", "Test organisation"
    )


@pytest.fixture
def empty_pool(db):
    """A pool no demo deposit touches."""
    return services.account_for_party(AccountKind.FUND_CASH, "test-pool", "Test pool")


def deposit(pool, donor_account, amount, *, key=None, on=date(2024, 1, 10)):
    return services.post_deposit(
        actor=None,
        donor_account=donor_account,
        pool=pool,
        amount=Decimal(amount),
        currency="USD",
        usd_amount=Decimal(amount),
        occurred_on=on,
        idempotency_key=key,
    )


def transfer(pool, organisation, amount, *, on=date(2024, 1, 10), **kwargs):
    return services.transfer_from_pool(
        actor=None,
        pool=pool,
        to_account=organisation,
        amount=Decimal(amount),
        occurred_on=on,
        **kwargs,
    )
