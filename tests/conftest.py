from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the framework and the countries once; each test runs in a transaction on top."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language: a request in Spanish activates Spanish for
    the rest of the thread, which would otherwise leak into the tests that follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def fee_rate(db):
    """1% from 2019 (transactional tests start with an empty database)."""
    from poolfund.ledger.services import set_administrative_agent_fee_rate

    return set_administrative_agent_fee_rate(
        actor=None, rate=Decimal("0.01"), valid_from=date(2019, 1, 1)
    )
