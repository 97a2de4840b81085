from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from poolfund.donors import services
from poolfund.donors.models import Commitment, CurrencyRate, Deposit
from poolfund.donors.rates import NoRate
from poolfund.donors.selectors import fund_summary
from poolfund.errors import DomainError
from poolfund.framework.models import Framework, ThematicArea
from poolfund.geo.models import Country, Region
from poolfund.ledger.currencies import UnknownCurrency
from poolfund.ledger.models import LedgerEntry, LedgerTransaction
from poolfund.ledger.selectors import account_balance
from poolfund.ledger.services import reverse_transaction
from tests.donors.factories import DonorFactory, commitment_for

pytestmark = pytest.mark.django_db

DAY = date(2024, 3, 4)


def record(commitment, amount, reference="BANK-1", **kwargs):
    return services.record_deposit(
        actor=None,
        commitment=commitment,
        amount=Decimal(amount),
        received_on=kwargs.pop("received_on", DAY),
        bank_reference=reference,
        **kwargs,
    )


@pytest.fixture
def nothing_written():
    counts = lambda: (Deposit.objects.count(), LedgerTransaction.objects.count())  # noqa: E731
    before = counts()
    yield
    assert counts() == before


def test_deposit_in_euros_is_converted_with_the_rate_of_its_day():
    commitment = commitment_for(amount="100000.00", currency="EUR")
    deposit = record(commitment, "50000.00")
    rate = CurrencyRate.objects.get(currency="EUR", rate_date=DAY)
    assert deposit.usd_rate == rate.units_per_usd
    assert deposit.rate_date == DAY
    assert deposit.usd_amount == (Decimal("50000.00") / rate.units_per_usd).quantize(
        Decimal("0.01")
    )
    entries = LedgerEntry.objects.filter(transaction=deposit.ledger_transaction)
    assert {entry.currency for entry in entries} == {"EUR", "USD"}


def test_outstanding_balance_of_a_commitment_shrinks_with_each_deposit():
    commitment = commitment_for(amount="300.00")
    record(commitment, "100.00", "A")
    record(commitment, "150.00", "B")
    assert services.deposited_against(commitment) == Decimal("250.00")


@pytest.mark.usefixtures("nothing_written")
def test_deposit_larger_than_what_remains_is_refused():
    commitment = commitment_for(amount="300.00")
    with pytest.raises(services.DepositExceedsCommitment, match=r"300\.00 USD remain"):
        record(commitment, "300.01")


def test_a_deposit_larger_than_what_remains_is_refused_in_spanish_too():
    commitment = commitment_for(amount="100.00", reference="ES-1")
    with translation.override("es"), pytest.raises(services.DepositExceedsCommitment) as refused:
        record(commitment, "150.00")
    assert refused.value.message.startswith("Solo quedan pendientes 100.00 USD de ")
    assert refused.value.fields == {"amount": "más de lo que queda del compromiso"}


def test_over_payment_is_accepted_when_marked():
    commitment = commitment_for(amount="300.00")
    deposit = record(commitment, "350.00", is_over_payment=True)
    assert deposit.is_over_payment


def test_duplicate_bank_reference_is_refused_and_writes_nothing():
    commitment = commitment_for(amount="300.00")
    record(commitment, "100.00", "SAME")
    before = LedgerTransaction.objects.count()
    with pytest.raises(services.DuplicateDeposit):
        record(commitment, "100.00", "SAME")
    assert LedgerTransaction.objects.count() == before


@pytest.mark.usefixtures("nothing_written")
@pytest.mark.parametrize("amount", ["0", "-1.00", "10.001"])
def test_zero_negative_or_sub_cent_deposits_are_refused(amount):
    with pytest.raises(DomainError):
        record(commitment_for(amount="300.00"), amount)


@pytest.mark.usefixtures("nothing_written")
def test_yen_amounts_have_no_decimals():
    assert CurrencyRate.objects.filter(currency="JPY", rate_date=DAY).exists()
    commitment = commitment_for(amount="1000000", currency="JPY")
    with pytest.raises(DomainError, match="JPY amounts have 0 decimal places"):
        record(commitment, "1000.50")


def test_unknown_currency_is_refused():
    count = Commitment.objects.count()
    with pytest.raises(UnknownCurrency):
        commitment_for(amount="100.00", currency="XYZ")
    assert Commitment.objects.count() == count


def test_conversion_without_a_rate_for_that_day_is_an_error_not_a_guess():
    commitment = commitment_for(amount="100.00", currency="EUR")
    saturday = date(2024, 3, 2)
    with pytest.raises(NoRate, match="no EUR rate for 2024-03-02"):
        record(commitment, "10.00", received_on=saturday)


def test_earmark_to_a_thematic_area_of_another_framework_is_refused():
    other = Framework.objects.create(code="other", name="Other", short_name="Other")
    area = ThematicArea.objects.create(framework=other, number=1, description="Elsewhere")
    with pytest.raises(services.EarmarkNotAllowed):
        commitment_for(amount="100.00", thematic_area=area)


def test_earmarked_deposit_goes_into_its_thematic_area_pool():
    area = ThematicArea.objects.get(framework__code="gcm", number=4)
    deposit = record(commitment_for(amount="1000.00", thematic_area=area), "1000.00")
    pool = deposit.ledger_transaction.entries.get(account__kind="fund-cash").account
    assert pool.thematic_area == area
    assert account_balance(pool) == Decimal("990.00")


def test_instalments_must_add_up_to_the_commitment():
    with pytest.raises(DomainError, match=r"instalments add up to 200\.00"):
        commitment_for(
            amount="300.00",
            instalments=[
                (date(2024, 1, 1), Decimal("100.00")),
                (date(2025, 1, 1), Decimal("100.00")),
            ],
        )


def test_member_state_donor_needs_its_country():
    with pytest.raises(DomainError):
        services.create_donor(
            actor=None, name="Nowhere", donor_type="member-state", is_un_member_state=True
        )
    assert DonorFactory().is_un_member_state is False


def test_country_earmark_needs_the_steering_committee_decision():
    peru = Country.objects.get(iso3="PER")
    with pytest.raises(services.EarmarkNotAllowed, match="Steering Committee"):
        commitment_for(amount="100.00", country=peru)
    commitment = commitment_for(
        amount="100.00", country=peru, steering_committee_decision="SC decision 2024/07"
    )
    deposit = record(commitment, "100.00", "PERU-1")
    pool = deposit.ledger_transaction.entries.get(account__kind="fund-cash").account
    assert (pool.country, pool.key) == (peru, "country:PER")


def test_region_earmark_needs_the_steering_committee_decision(nothing_written):
    caribbean = Region.objects.get(m49_code="029")
    with pytest.raises(services.EarmarkNotAllowed, match="region earmark is allowed only by"):
        commitment_for(amount="100.00", region=caribbean, steering_committee_decision="  ")
    assert not Commitment.objects.filter(region=caribbean).exists()


@pytest.mark.parametrize(
    "earmarks",
    [
        {"country": "PER", "region": "419"},
        {"thematic_area": 2, "region": "419"},
        {"thematic_area": 2, "country": "PER"},
    ],
)
def test_one_earmark_at_most(earmarks, nothing_written):
    resolved = {
        "country": lambda iso3: Country.objects.get(iso3=iso3),
        "region": lambda code: Region.objects.get(m49_code=code),
        "thematic_area": lambda n: ThematicArea.objects.get(framework__code="gcm", number=n),
    }
    count = Commitment.objects.count()
    with pytest.raises(services.EarmarkNotAllowed, match="not to several"):
        commitment_for(
            amount="100.00",
            steering_committee_decision="SC decision 2024/07",
            **{name: resolved[name](value) for name, value in earmarks.items()},
        )
    assert Commitment.objects.count() == count


def test_a_region_earmark_needs_its_decision_in_the_database_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(
            donor=DonorFactory(),
            reference="NO-DECISION",
            signed_on=DAY,
            amount=Decimal("1.00"),
            currency="USD",
            usd_amount=Decimal("1.00"),
            usd_rate=Decimal(1),
            rate_date=DAY,
            earmark="region",
            region=Region.objects.get(m49_code="419"),
        )


def test_region_earmarked_deposit_goes_into_its_region_pool():
    latin_america = Region.objects.get(m49_code="419")
    commitment = commitment_for(
        amount="500.00", region=latin_america, steering_committee_decision="SC decision 2024/09"
    )
    assert (commitment.earmark, commitment.region) == ("region", latin_america)
    deposit = record(commitment, "500.00", "LAC-1")
    pool = deposit.ledger_transaction.entries.get(account__kind="fund-cash").account
    assert (pool.region, pool.key) == (latin_america, "region:419")
    assert account_balance(pool) == Decimal("495.00")


def test_a_reversed_deposit_no_longer_counts():
    commitment = commitment_for(amount="300.00")
    deposit = record(commitment, "300.00", "TO-REVERSE")
    before = fund_summary().deposited_usd
    reverse_transaction(actor=None, original=deposit.ledger_transaction, reason="bounced")
    assert fund_summary().deposited_usd == before - Decimal("300.00")
    assert services.deposited_against(commitment) == 0
    record(commitment, "300.00", "AGAIN")
