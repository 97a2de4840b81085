"""Whose money a transfer to an organisation was: the donors of the pool it left, in proportion
to what each deposited into that pool before the transfer. Only a pool other than the
unearmarked one tells whose money it holds (it was earmarked by its donors' agreements); money
from the unearmarked pool is the Fund's, which pools every donor's unearmarked money."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db.models import Q

from poolfund.donors.models import Donor
from poolfund.ledger.choices import AccountKind, TransactionKind
from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Source:
    """A donor (by its contributions account) and the part of a transfer that was its money."""

    account: LedgerAccount
    donor: Donor | None
    amount: Decimal


def pool_of(transfer: LedgerTransaction) -> LedgerAccount | None:
    """The pool of Fund cash a transfer left."""
    entry = next(
        (
            each
            for each in transfer.entries.all()
            if each.account.kind == AccountKind.FUND_CASH and each.amount < 0
        ),
        None,
    )
    return entry.account if entry else None


def deposits_into(pool: LedgerAccount, on: datetime.date) -> dict[LedgerAccount, Decimal]:
    """USD each donor's contributions account put into `pool` up to `on`, net of deposits
    reversed by then."""
    deposits = LedgerEntry.objects.filter(
        account=pool,
        currency=FUND_CURRENCY,
        transaction__kind=TransactionKind.DEPOSIT,
        transaction__occurred_on__lte=on,
    ).exclude(Q(transaction__reversal__occurred_on__lte=on))
    amounts = dict(deposits.values_list("transaction_id", "amount"))
    donors = LedgerEntry.objects.filter(
        transaction_id__in=amounts, account__kind=AccountKind.DONOR_CONTRIBUTIONS
    ).select_related("account")
    found: dict[LedgerAccount, Decimal] = defaultdict(Decimal)
    for entry in donors:
        found[entry.account] += amounts[entry.transaction_id]
    return dict(found)


def shares_of(amount: Decimal, weights: dict, *, unit: Decimal = CENT) -> dict:
    """`amount` split in proportion to `weights`, to the cent, adding up exactly: each share is
    rounded down and the cents left go to the largest remainders (ties: the order given)."""
    total = sum(weights.values(), Decimal(0))
    exact = {key: amount * weight / total for key, weight in weights.items()}
    shares = {key: value.quantize(unit, rounding=ROUND_DOWN) for key, value in exact.items()}
    left = int((amount - sum(shares.values(), Decimal(0))) / unit)
    by_remainder = sorted(exact, key=lambda key: exact[key] - shares[key], reverse=True)
    for key in by_remainder[:left]:
        shares[key] += unit
    return shares


def sources_of(transfer: LedgerTransaction, amount: Decimal) -> list[Source]:
    """The donors whose money `amount` of the transfer was, or [] when the pool does not tell
    (the unearmarked pool, or a pool nobody deposited into)."""
    pool = pool_of(transfer)
    if pool is None or not pool.is_earmarked:
        return []
    weights = deposits_into(pool, transfer.occurred_on)
    if not weights or sum(weights.values(), Decimal(0)) <= 0:
        return []
    keys = [account.key for account in weights]
    donors = {
        donor.slug: donor
        for donor in Donor.objects.filter(slug__in=keys).select_related("iati_identifier")
    }
    ordered = sorted(weights, key=lambda account: account.pk)
    shares = shares_of(amount, {account: weights[account] for account in ordered})
    return [
        Source(account=account, donor=donors.get(account.key), amount=shares[account])
        for account in ordered
        if shares[account]
    ]
