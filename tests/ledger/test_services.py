import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from poolfund.audit.models import AuditEvent
from poolfund.framework.models import ThematicArea
from poolfund.geo.models import Country, Region
from poolfund.ledger import selectors, services
from poolfund.ledger.choices import AccountKind, TransactionKind
from poolfund.ledger.models import (
    LedgerAccount,
    LedgerEntry,
    LedgerIsAppendOnly,
    LedgerTransaction,
)
from poolfund.ledger.services import Line
from tests.ledger.conftest import deposit, transfer

pytestmark = pytest.mark.django_db

DAY = date(2024, 1, 10)


def test_entries_of_every_transaction_sum_to_zero_per_currency(fee_rate, empty_pool, donor_account):
    services.post_deposit(
        actor=None,
        donor_account=donor_account,
        pool=empty_pool,
        amount=Decimal("1000.00"),
        currency="EUR",
        usd_amount=Decimal("1090.51"),
        occurred_on=DAY,
    )
    assert selectors.unbalanced_transactions() == {}
    assert selectors.account_balance(empty_pool) == Decimal("1090.51") - Decimal("10.91")
    assert selectors.account_balance(donor_account, currency="EUR") == Decimal("-1000.00")


def test_unbalanced_posting_is_refused_and_writes_nothing(empty_pool, donor_account):
    before = LedgerTransaction.objects.count()
    with pytest.raises(services.UnbalancedTransaction, match=r"off by 0.01 USD"):
        services.post_transaction(
            actor=None,
            kind=TransactionKind.INTEREST,
            occurred_on=DAY,
            lines=[Line(empty_pool, Decimal("10.00")), Line(donor_account, Decimal("-9.99"))],
        )
    assert LedgerTransaction.objects.count() == before


def test_administrative_agent_fee_is_one_percent_of_each_deposit(
    fee_rate, empty_pool, donor_account
):
    posted = deposit(empty_pool, donor_account, "12007.00")
    fee = LedgerTransaction.objects.get(idempotency_key=f"administrative-agent-fee:{posted.pk}")
    assert fee.kind == TransactionKind.ADMINISTRATIVE_AGENT_FEE
    fee_entry = fee.entries.get(account__kind=AccountKind.ADMINISTRATIVE_AGENT_FEE)
    assert fee_entry.amount == Decimal("120.07")
    assert selectors.account_balance(empty_pool) == Decimal("11886.93")


def test_fee_rate_is_data_and_a_new_rate_applies_from_its_date(fee_rate, empty_pool, donor_account):
    services.set_administrative_agent_fee_rate(
        actor=None, rate=Decimal("0.02"), valid_from=date(2024, 6, 1)
    )
    deposit(empty_pool, donor_account, "100.00", on=date(2024, 5, 31))
    deposit(empty_pool, donor_account, "100.00", on=date(2024, 6, 1))
    assert selectors.account_balance(empty_pool) == Decimal("99.00") + Decimal("98.00")


def test_deposit_without_a_fee_rate_is_refused(empty_pool, donor_account):
    with pytest.raises(services.NoFeeRate):
        deposit(empty_pool, donor_account, "100.00", on=date(2000, 1, 1))
    assert not LedgerEntry.objects.filter(account=empty_pool).exists()


def test_ledger_entries_cannot_be_changed_or_deleted(fee_rate, empty_pool, donor_account):
    posted = deposit(empty_pool, donor_account, "100.00")
    entry = posted.entries.first()
    entry.amount = Decimal("1.00")
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))
    with pytest.raises(LedgerIsAppendOnly):
        LedgerTransaction.objects.filter(pk=posted.pk).delete()
    with pytest.raises(LedgerIsAppendOnly):
        posted.delete()


def test_transfer_cannot_exceed_available_balance(
    fee_rate, empty_pool, donor_account, organisation
):
    deposit(empty_pool, donor_account, "1000.00")
    with pytest.raises(services.InsufficientFunds, match=r"holds 990\.00 USD"):
        transfer(empty_pool, organisation, "990.01")
    transfer(empty_pool, organisation, "990.00")
    assert selectors.account_balance(empty_pool) == 0
    assert selectors.account_balance(organisation) == Decimal("990.00")


def test_earmarked_money_only_leaves_for_its_own_thematic_area(
    fee_rate, donor_account, organisation
):
    area_2, area_3 = ThematicArea.objects.filter(framework__code="gcm", number__in=[2, 3])
    pool = services.fund_pool(area_2)
    deposit(pool, donor_account, "500.00")
    for purpose in (None, area_3):
        with pytest.raises(services.EarmarkViolation):
            transfer(pool, organisation, "10.00", thematic_area=purpose)
    transfer(pool, organisation, "10.00", thematic_area=area_2)
    assert selectors.account_balance(pool) == Decimal("485.00")


def test_transfer_goes_only_to_an_organisation_account(fee_rate, empty_pool, donor_account):
    deposit(empty_pool, donor_account, "500.00")
    with pytest.raises(services.WrongAccount):
        transfer(empty_pool, donor_account, "1.00")


def test_a_transaction_is_reversed_at_most_once(fee_rate, empty_pool, donor_account):
    interest = services.record_interest(
        actor=None, pool=empty_pool, amount=Decimal("12.34"), occurred_on=DAY
    )
    reversal = services.reverse_transaction(actor=None, original=interest, reason="wrong month")
    assert reversal.reverses == interest
    assert selectors.account_balance(empty_pool) == 0
    with pytest.raises(services.AlreadyReversed):
        services.reverse_transaction(actor=None, original=interest, reason="again")
    assert LedgerTransaction.objects.filter(reverses=interest).count() == 1


def test_reversing_a_spent_deposit_is_refused(fee_rate, empty_pool, donor_account, organisation):
    posted = deposit(empty_pool, donor_account, "100.00")
    transfer(empty_pool, organisation, "99.00")
    with pytest.raises(services.InsufficientFunds):
        services.reverse_transaction(actor=None, original=posted, reason="bounced")


def test_a_refused_posting_reads_in_spanish(fee_rate, empty_pool, donor_account, organisation):
    deposit(empty_pool, donor_account, "100.00")
    with translation.override("es"), pytest.raises(services.InsufficientFunds) as refused:
        transfer(empty_pool, organisation, "500.00")
    assert refused.value.message == (
        "'Test pool' tiene 99.00 USD; no pueden salir de ella 500.00 USD."
    )
    assert refused.value.fields == {"amount": "más de lo que tiene la cuenta"}


def test_same_idempotency_key_posts_once(fee_rate, empty_pool, donor_account):
    deposit(empty_pool, donor_account, "100.00", key="bank-1")
    with pytest.raises(services.DuplicateTransaction):
        deposit(empty_pool, donor_account, "100.00", key="bank-1")
    assert selectors.account_balance(empty_pool) == Decimal("99.00")


@pytest.mark.parametrize("amount", ["0", "-5.00", "0.001"])
def test_zero_negative_or_sub_cent_amounts_are_refused(empty_pool, amount):
    with pytest.raises(services.DomainError):
        services.record_interest(
            actor=None, pool=empty_pool, amount=Decimal(amount), occurred_on=DAY
        )
    assert not LedgerEntry.objects.filter(account=empty_pool).exists()


def test_every_posting_is_in_the_audit_trail(fee_rate, empty_pool, donor_account):
    posted = deposit(empty_pool, donor_account, "100.00")
    event = AuditEvent.objects.get(
        object_id=str(posted.pk), content_type__model="ledgertransaction"
    )
    assert event.actor_label == "system"
    assert "fund-cash/test-pool 100.00 USD" in event.changes["entries"][1]


def test_sources_and_uses_reconcile_with_the_fund_balance(
    fee_rate, empty_pool, donor_account, organisation
):
    before = selectors.sources_and_uses()
    deposit(empty_pool, donor_account, "1000.00")
    services.record_interest(actor=None, pool=empty_pool, amount=Decimal("5.00"), occurred_on=DAY)
    transfer(empty_pool, organisation, "400.00")
    refunds = services.account_for_party(AccountKind.REFUNDS_TO_DONORS, "test", "Refunds")
    services.record_refund(
        actor=None,
        pool=empty_pool,
        refund_account=refunds,
        amount=Decimal("50.00"),
        occurred_on=DAY,
    )
    after = selectors.sources_and_uses()
    assert after.contributions - before.contributions == Decimal("1000.00")
    assert after.administrative_agent_fees - before.administrative_agent_fees == Decimal("10.00")
    assert after.balance - before.balance == Decimal("545.00")
    assert after.balance == after.total_sources - after.total_uses


def test_a_reversal_cannot_be_reversed(empty_pool):
    interest = services.record_interest(
        actor=None, pool=empty_pool, amount=Decimal("1.00"), occurred_on=DAY
    )
    reversal = services.reverse_transaction(actor=None, original=interest, reason="typo")
    with pytest.raises(services.AlreadyReversed, match="itself a reversal"):
        services.reverse_transaction(actor=None, original=reversal, reason="undo")


def test_country_earmarked_money_only_leaves_for_a_programme_in_that_country(
    fee_rate, donor_account, organisation
):
    peru, chile = Country.objects.get(iso3="PER"), Country.objects.get(iso3="CHL")
    pool = services.fund_pool(country=peru)
    deposit(pool, donor_account, "200.00")
    with pytest.raises(services.EarmarkViolation):
        transfer(pool, organisation, "10.00", countries=[chile])
    transfer(pool, organisation, "10.00", countries=[chile, peru])
    assert selectors.account_balance(pool) == Decimal("188.00")


def test_reversing_a_deposit_reverses_its_administrative_agent_fee(
    fee_rate, empty_pool, donor_account
):
    before = selectors.sources_and_uses()
    fee_account = services.account_for_party(
        AccountKind.ADMINISTRATIVE_AGENT_FEE, "administrative-agent", "Administrative Agent fee"
    )
    fees_before = selectors.account_balance(fee_account)
    posted = deposit(empty_pool, donor_account, "100.00")
    services.reverse_transaction(actor=None, original=posted, reason="bounced")
    fee = LedgerTransaction.objects.get(idempotency_key=f"administrative-agent-fee:{posted.pk}")
    assert fee.reversal.memo == f"bounced (fee on deposit #{posted.pk}, reversed with it)"
    assert selectors.account_balance(empty_pool) == 0
    assert selectors.account_balance(fee_account) == fees_before
    after = selectors.sources_and_uses()
    assert after.contributions == before.contributions
    assert after.administrative_agent_fees == before.administrative_agent_fees
    assert after.balance == before.balance
    assert after.balance == after.total_sources - after.total_uses
    with pytest.raises(services.AlreadyReversed):
        services.reverse_transaction(actor=None, original=posted, reason="twice")
    assert LedgerTransaction.objects.filter(reverses=fee).count() == 1


def test_a_fee_given_back_already_is_not_reversed_again_with_its_deposit(
    fee_rate, empty_pool, donor_account
):
    posted = deposit(empty_pool, donor_account, "100.00")
    fee = LedgerTransaction.objects.get(idempotency_key=f"administrative-agent-fee:{posted.pk}")
    services.reverse_transaction(actor=None, original=fee, reason="fee waived")
    services.reverse_transaction(actor=None, original=posted, reason="bounced")
    assert LedgerTransaction.objects.filter(reverses=fee).count() == 1
    assert selectors.account_balance(empty_pool) == 0


def test_region_earmarked_money_only_leaves_for_a_programme_in_that_region(
    fee_rate, donor_account, organisation
):
    latin_america = Region.objects.get(m49_code="419")
    mexico, peru, germany = (Country.objects.get(iso3=code) for code in ("MEX", "PER", "DEU"))
    pool = services.fund_pool(region=latin_america)
    assert (pool.key, pool.name) == ("region:419", "Earmarked to Latin America and the Caribbean")
    deposit(pool, donor_account, "200.00")
    for countries in ([], [germany], [mexico, germany]):
        with pytest.raises(services.EarmarkViolation, match="lie in that region"):
            transfer(pool, organisation, "10.00", countries=countries)
    transfer(pool, organisation, "10.00", countries=[mexico, peru])
    assert selectors.account_balance(pool) == Decimal("188.00")
    assert (pool, Decimal("188.00")) in selectors.pool_balances()


def test_a_region_earmark_holds_for_its_whole_region_and_no_wider(
    fee_rate, donor_account, organisation
):
    americas, caribbean = Region.objects.get(m49_code="019"), Region.objects.get(m49_code="029")
    jamaica, canada = Country.objects.get(iso3="JAM"), Country.objects.get(iso3="CAN")
    americas_pool, caribbean_pool = (
        services.fund_pool(region=americas),
        services.fund_pool(region=caribbean),
    )
    deposit(americas_pool, donor_account, "100.00")
    deposit(caribbean_pool, donor_account, "100.00")
    transfer(americas_pool, organisation, "10.00", countries=[jamaica, canada])
    with pytest.raises(services.EarmarkViolation):
        transfer(caribbean_pool, organisation, "10.00", countries=[jamaica, canada])
    transfer(caribbean_pool, organisation, "10.00", countries=[jamaica])


@pytest.mark.parametrize("named", list(itertools.product((False, True), repeat=3)))
def test_the_one_earmark_rule_and_the_pool_constraint_agree(named):
    earmarks = dict(
        zip(
            ("thematic_area", "country", "region"),
            (
                ThematicArea.objects.get(framework__code="gcm", number=1) if named[0] else None,
                Country.objects.get(iso3="MEX") if named[1] else None,
                Region.objects.get(m49_code="419") if named[2] else None,
            ),
            strict=True,
        )
    )
    try:
        with transaction.atomic():
            LedgerAccount.objects.create(
                kind=AccountKind.FUND_CASH, key="earmarks", name="Earmarks", **earmarks
            )
        stored = True
    except IntegrityError:
        stored = False
    assert stored == (sum(named) <= 1)
    assert services.names_one_earmark_at_most(**earmarks) == stored


def test_a_pool_has_one_earmark_at_most():
    with pytest.raises(services.EarmarkViolation, match="at most"):
        services.fund_pool(
            country=Country.objects.get(iso3="MEX"), region=Region.objects.get(m49_code="419")
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerAccount.objects.create(
            kind=AccountKind.FUND_CASH,
            key="two-earmarks",
            name="Two earmarks",
            thematic_area=ThematicArea.objects.filter(framework__code="gcm").first(),
            region=Region.objects.get(m49_code="419"),
        )


def batch_of_transfers(pool, organisation, *amounts: str, key="batch") -> list[services.Posting]:
    return [
        services.Posting(
            kind=TransactionKind.TRANSFER,
            occurred_on=DAY,
            lines=services.transfer_lines(
                pool=pool, to_account=organisation, amount=Decimal(amount)
            ),
            idempotency_key=f"{key}-{number}",
        )
        for number, amount in enumerate(amounts)
    ]


def test_a_batch_of_transfers_is_posted_balanced_and_audited(
    fee_rate, empty_pool, donor_account, organisation
):
    deposit(empty_pool, donor_account, "1000.00")
    posted = services.post_transactions(
        actor=None, postings=batch_of_transfers(empty_pool, organisation, "300.00", "200.00")
    )
    assert [t.kind for t in posted] == [TransactionKind.TRANSFER] * 2
    assert selectors.unbalanced_transactions() == {}
    assert selectors.account_balance(organisation) == Decimal("500.00")
    audited = AuditEvent.objects.filter(content_type__model="ledgertransaction")
    assert set(audited.values_list("object_id", flat=True)) >= {str(t.pk) for t in posted}


def test_a_batch_taking_more_than_the_pool_holds_writes_nothing(
    fee_rate, empty_pool, donor_account, organisation
):
    deposit(empty_pool, donor_account, "1000.00")  # 990.00 after the fee
    before = LedgerTransaction.objects.count()
    with pytest.raises(services.InsufficientFunds):
        services.post_transactions(
            actor=None, postings=batch_of_transfers(empty_pool, organisation, "500.00", "490.01")
        )
    assert LedgerTransaction.objects.count() == before


def test_a_batch_refuses_a_key_used_before_or_twice(
    fee_rate, empty_pool, donor_account, organisation
):
    deposit(empty_pool, donor_account, "1000.00")
    services.post_transactions(
        actor=None, postings=batch_of_transfers(empty_pool, organisation, "10.00")
    )
    with pytest.raises(services.DuplicateTransaction):
        services.post_transactions(
            actor=None, postings=batch_of_transfers(empty_pool, organisation, "10.00")
        )
    twice = batch_of_transfers(empty_pool, organisation, "10.00") * 2
    with pytest.raises(services.DuplicateTransaction):
        services.post_transactions(actor=None, postings=twice)
