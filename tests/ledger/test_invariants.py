"""Properties of the ledger that hold for any sequence of operations (hypothesis)."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poolfund.errors import DomainError
from poolfund.geo.models import Country, Region
from poolfund.ledger import selectors, services
from poolfund.ledger.choices import AccountKind, TransactionKind
from poolfund.ledger.models import LedgerTransaction

pytestmark = pytest.mark.django_db

DAY = date(2024, 1, 10)
cents = st.integers(min_value=1, max_value=5_000_000).map(lambda n: Decimal(n).scaleb(-2))
pool_index = st.integers(0, 2)
"""Pools 0 and 1 are unearmarked; pool 2 is earmarked to Latin America and the Caribbean."""
operation = st.one_of(
    st.tuples(st.just("deposit"), cents, pool_index),
    st.tuples(st.just("interest"), cents, pool_index),
    st.tuples(st.just("transfer"), cents, pool_index, st.sampled_from(["MEX", "DEU"])),
    st.tuples(st.just("refund"), cents, pool_index),
    st.tuples(st.just("return"), cents, pool_index),
    st.tuples(st.just("reverse"), st.integers(0, 30), st.just(0)),
)


class Rollback(Exception):
    pass


def run(operations, accounts):
    """Apply the operations, skipping the ones the ledger refuses; return what was posted."""
    pools, donor, organisation, refunds = accounts
    posted: list[LedgerTransaction] = []
    for name, value, pool_number, *for_country in operations:
        pool = pools[pool_number]
        try:
            if name == "deposit":
                posted.append(
                    services.post_deposit(
                        actor=None,
                        donor_account=donor,
                        pool=pool,
                        amount=value,
                        currency="USD",
                        usd_amount=value,
                        occurred_on=DAY,
                    )
                )
            elif name == "interest":
                posted.append(
                    services.record_interest(actor=None, pool=pool, amount=value, occurred_on=DAY)
                )
            elif name == "transfer":
                posted.append(
                    services.transfer_from_pool(
                        actor=None,
                        pool=pool,
                        to_account=organisation,
                        amount=value,
                        occurred_on=DAY,
                        countries=Country.objects.filter(iso3__in=for_country),
                    )
                )
            elif name == "refund":
                posted.append(
                    services.record_refund(
                        actor=None,
                        pool=pool,
                        refund_account=refunds,
                        amount=value,
                        occurred_on=DAY,
                    )
                )
            elif name == "return":
                posted.append(
                    services.return_unspent_balance(
                        actor=None,
                        from_account=organisation,
                        pool=pool,
                        amount=value,
                        occurred_on=DAY,
                    )
                )
            elif posted:
                original = posted[int(value) % len(posted)]
                posted.append(
                    services.reverse_transaction(actor=None, original=original, reason="test")
                )
        except DomainError:
            continue
    return posted


def open_accounts():
    pools = [
        services.account_for_party(AccountKind.FUND_CASH, f"property-pool-{n}", f"Pool {n}")
        for n in range(2)
    ]
    pools.append(services.fund_pool(region=Region.objects.get(m49_code="419")))
    return (
        pools,
        services.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "property", "Donor"),
        services.account_for_party(AccountKind.ORGANISATION_TRANSFERS, "property", "Org"),
        services.account_for_party(AccountKind.REFUNDS_TO_DONORS, "property", "Refunds"),
    )


def net_usd_into_pools(transaction_: LedgerTransaction) -> Decimal:
    return sum(
        (
            entry.amount
            for entry in transaction_.entries.all()
            if entry.account.kind == AccountKind.FUND_CASH
        ),
        Decimal(0),
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=st.lists(operation, max_size=25))
def test_any_sequence_of_operations_keeps_the_ledger_balanced_and_reconciled(fee_rate, operations):
    before = selectors.sources_and_uses()
    try:
        with transaction.atomic():
            accounts = open_accounts()
            posted = run(operations, accounts)
            pools = accounts[0]
            # Fees and the reversals of fees are posted by the services, not in `posted`.
            touching_pools = LedgerTransaction.objects.filter(entries__account__in=pools).distinct()

            assert selectors.unbalanced_transactions() == {}

            by_kind: Counter[str] = Counter()
            for transaction_ in touching_pools:
                kind = transaction_.reverses.kind if transaction_.reverses else transaction_.kind
                by_kind[kind] += net_usd_into_pools(transaction_)
            pool_total = sum(selectors.account_balance(pool) for pool in pools)
            deposits = by_kind[TransactionKind.DEPOSIT]
            fee_total = -by_kind[TransactionKind.ADMINISTRATIVE_AGENT_FEE]
            transfers = -by_kind[TransactionKind.TRANSFER]
            interest = by_kind[TransactionKind.INTEREST]
            refunds = -by_kind[TransactionKind.REFUND]
            returned = by_kind[TransactionKind.RETURN_OF_UNSPENT_BALANCE]
            assert pool_total == deposits - fee_total - transfers + interest - refunds + returned
            assert all(selectors.account_balance(pool) >= 0 for pool in pools)
            # Money is neither created nor lost: what the organisation holds is what it was
            # given less what it gave back, and it never gives back more than it holds.
            organisation = accounts[2]
            assert selectors.account_balance(organisation) == transfers - returned
            assert selectors.account_balance(organisation) >= 0

            after = selectors.sources_and_uses()
            assert after.contributions - before.contributions == deposits
            assert after.returned_by_organisations - before.returned_by_organisations == returned
            assert after.total_sources - after.total_uses == after.balance
            assert after.balance - before.balance == pool_total

            for transaction_ in posted:
                if transaction_.kind == TransactionKind.DEPOSIT and hasattr(
                    transaction_, "reversal"
                ):
                    fee = LedgerTransaction.objects.filter(
                        idempotency_key=f"administrative-agent-fee:{transaction_.pk}"
                    ).first()  # none when the fee rounds to nothing
                    assert fee is None or hasattr(fee, "reversal"), "a reversed deposit's fee"
                if LedgerTransaction.objects.filter(reverses=transaction_).exists():
                    with pytest.raises(services.AlreadyReversed):
                        services.reverse_transaction(
                            actor=None, original=transaction_, reason="twice"
                        )
            raise Rollback
    except Rollback:
        pass


deposit_of_a_batch = st.tuples(
    cents, st.integers(0, 1), st.sampled_from(["USD", "EUR"]), cents, st.sampled_from([0, 200])
)
"""Amount, pool, currency, USD equivalent (for EUR) and day (after DAY): the fee rate changes
between the two days."""


def posted_ledger(deposits: list[LedgerTransaction]) -> list[tuple]:
    """Each deposit's key and the entries of the deposit and of its fee, without ids."""
    fees = {
        fee.idempotency_key: fee
        for fee in LedgerTransaction.objects.filter(kind=TransactionKind.ADMINISTRATIVE_AGENT_FEE)
    }
    posted = []
    for deposit in deposits:
        fee = fees.get(f"administrative-agent-fee:{deposit.pk}")
        entries = [
            (
                made.kind,
                made.occurred_on,
                [(e.account.key, e.amount, e.currency) for e in made.entries.all()],
            )
            for made in (deposit, fee)
            if made is not None
        ]
        posted.append((deposit.idempotency_key, entries))
    return posted


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(deposits=st.lists(deposit_of_a_batch, min_size=1, max_size=12))
def test_a_batch_of_deposits_posts_what_posting_them_one_by_one_does(fee_rate, deposits):
    def arguments(accounts):
        pools, donor, *_others = accounts
        for number, (amount, pool, currency, usd_amount, days) in enumerate(deposits):
            yield {
                "donor_account": donor,
                "pool": pools[pool],
                "amount": amount,
                "currency": currency,
                "usd_amount": amount if currency == "USD" else usd_amount,
                "occurred_on": DAY + timedelta(days=days),
                "idempotency_key": f"property-deposit-{number}",
            }

    ledgers = []
    for post in (
        lambda accounts: [
            services.post_deposit(actor=None, **deposit) for deposit in arguments(accounts)
        ],
        lambda accounts: services.post_deposits(
            actor=None,
            deposits=[services.DepositPosting(**deposit) for deposit in arguments(accounts)],
        ),
    ):
        try:
            with transaction.atomic():
                services.set_administrative_agent_fee_rate(
                    actor=None, rate=Decimal("0.02"), valid_from=DAY + timedelta(days=100)
                )
                ledgers.append(posted_ledger(post(open_accounts())))
                assert selectors.unbalanced_transactions() == {}
                raise Rollback
        except Rollback:
            pass
    one_by_one, batch = ledgers
    assert batch == one_by_one
