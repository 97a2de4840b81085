"""Figures computed from many records are kept per version of the data: computed once, then
served from the shared cache until any record changes (a change writes an audit event)."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from poolfund.donors.models import Commitment
from poolfund.donors.services import record_deposit
from poolfund.web.figures_cache import figures_of_this_data

pytestmark = pytest.mark.django_db


def test_figures_are_computed_once_per_version_of_the_data():
    cache.clear()
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert figures_of_this_data("test", compute, "a") == 1
    assert figures_of_this_data("test", compute, "a") == 1
    assert figures_of_this_data("test", compute, "b") == 2
    commitment = Commitment.objects.first()
    record_deposit(
        actor=None,
        commitment=commitment,
        amount=Decimal("1"),
        received_on=commitment.signed_on,
        bank_reference="figures-cache-test",
        is_over_payment=True,
    )
    assert figures_of_this_data("test", compute, "a") == 3


def test_the_dashboard_shows_a_deposit_as_soon_as_it_is_recorded(client):
    cache.clear()
    before = client.get("/dashboards/").content.decode()
    commitment = Commitment.objects.filter(currency="USD").first()
    record_deposit(
        actor=None,
        commitment=commitment,
        amount=Decimal("1234567"),
        received_on=commitment.signed_on,
        bank_reference="figures-cache-dashboard",
        is_over_payment=True,
    )
    after = client.get("/dashboards/").content.decode()
    assert before != after
