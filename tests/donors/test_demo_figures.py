"""The brief's figures, computed from the ledger the demo loader fills."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from poolfund.donors.models import Commitment, Deposit, Donor
from poolfund.donors.selectors import fund_summary
from poolfund.ledger.selectors import unbalanced_transactions

pytestmark = pytest.mark.django_db

BRIEF_DAY = date(2024, 8, 31)


def test_demo_deposits_total_the_brief_exactly():
    summary = fund_summary(as_of=BRIEF_DAY)
    assert summary.deposited_usd == Decimal("57595084.00")
    assert summary.deposited_usd_millions == Decimal("57.5")
    assert (summary.donor_count, summary.member_state_count) == (22, 20)
    assert summary.target.name == "USD 150M by IMRF 2026"
    assert summary.percent_of_target == Decimal("38.4")


def test_demo_has_the_two_donors_that_are_not_member_states():
    others = Donor.objects.filter(is_un_member_state=False).values_list("name", "donor_type")
    assert sorted(others) == [
        ("Robert Bosch Stiftung GmbH", "foundation"),
        ("United Methodist Committee on Relief", "ngo"),
    ]
    assert Donor.objects.filter(is_un_member_state=True, country__isnull=True).count() == 0


def test_mexico_commitment_is_three_instalments_over_three_years():
    commitment = Commitment.objects.get(donor__name="Mexico")
    assert commitment.amount == Decimal("550000")
    instalments = list(commitment.instalments.values_list("due_on__year", flat=True))
    assert instalments == [2021, 2022, 2023]
    assert Deposit.objects.filter(commitment=commitment).count() == 3


def test_all_demo_deposits_arrived_by_the_end_of_august_2024():
    assert not Deposit.objects.filter(received_on__gt=BRIEF_DAY).exists()


def test_the_demo_ledger_is_balanced_and_fees_are_charged():
    assert unbalanced_transactions() == {}
    summary = fund_summary(as_of=BRIEF_DAY)
    from poolfund.ledger.selectors import sources_and_uses

    statement = sources_and_uses(as_of=BRIEF_DAY)
    assert statement.contributions == summary.deposited_usd
    assert statement.administrative_agent_fees == Decimal("575950.84")
    assert statement.balance == summary.deposited_usd - Decimal("575950.84")


def test_loading_the_demo_again_changes_nothing():
    before = (Deposit.objects.count(), fund_summary().deposited_usd)
    call_command("load_demo", verbosity=0)
    assert (Deposit.objects.count(), fund_summary().deposited_usd) == before


def test_earlier_targets_are_kept_as_history():
    assert fund_summary(as_of=date(2019, 6, 1)).target_usd == Decimal("25000000")
    assert fund_summary(as_of=date(2021, 6, 1)).target_usd == Decimal("70000000")
