"""Balances and statements, all derived by summing ledger entries (optionally up to a date)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from poolfund.ledger.choices import AccountKind, TransactionKind
from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.ledger.models import LedgerAccount, LedgerEntry
from poolfund.ledger.sums import exact_total, exact_totals_by


def entries_as_of(as_of: date | None = None) -> QuerySet[LedgerEntry]:
    entries = LedgerEntry.objects.all()
    if as_of is not None:
        entries = entries.filter(transaction__occurred_on__lte=as_of)
    return entries


def account_balance(
    account: LedgerAccount, *, currency: str = FUND_CURRENCY, as_of: date | None = None
) -> Decimal:
    """Debits minus credits: what a pool holds, what an organisation has received."""
    return exact_total(entries_as_of(as_of).filter(account=account, currency=currency))


def fund_balance(*, as_of: date | None = None) -> Decimal:
    """USD held by the Fund across all its pools."""
    return exact_total(
        entries_as_of(as_of).filter(account__kind=AccountKind.FUND_CASH, currency=FUND_CURRENCY)
    )


def pool_balances(*, as_of: date | None = None) -> list[tuple[LedgerAccount, Decimal]]:
    """Each pool of Fund cash (unearmarked, each thematic area, country or region earmark)
    with its USD balance."""
    totals = exact_totals_by(
        entries_as_of(as_of).filter(account__kind=AccountKind.FUND_CASH, currency=FUND_CURRENCY),
        "account",
    )
    pools = LedgerAccount.objects.filter(kind=AccountKind.FUND_CASH).select_related(
        "thematic_area", "country", "region"
    )
    return [(pool, totals.get(pool.pk, Decimal(0))) for pool in pools]


def _of_kind(kind: TransactionKind) -> Q:
    """Entries of transactions of a kind, net of the reversals of such transactions."""
    return Q(transaction__kind=kind) | Q(
        transaction__kind=TransactionKind.REVERSAL, transaction__reverses__kind=kind
    )


def fund_cash_moved_by(kind: TransactionKind, *, as_of: date | None = None) -> Decimal:
    """Net USD that transactions of a kind (less their reversals) put into Fund cash."""
    return exact_total(
        entries_as_of(as_of).filter(
            _of_kind(kind), account__kind=AccountKind.FUND_CASH, currency=FUND_CURRENCY
        )
    )


@dataclass(frozen=True)
class SourcesAndUses:
    """The statement of the MPTF Gateway: where the Fund's money came from, where it went."""

    contributions: Decimal
    interest: Decimal
    administrative_agent_fees: Decimal
    transfers: Decimal
    refunds: Decimal
    balance: Decimal
    returned_by_organisations: Decimal = Decimal(0)
    """Unspent balances participating organisations gave back to the Fund at closure."""

    @property
    def total_sources(self) -> Decimal:
        return self.contributions + self.interest + self.returned_by_organisations

    @property
    def total_uses(self) -> Decimal:
        return self.administrative_agent_fees + self.transfers + self.refunds


def sources_and_uses(*, as_of: date | None = None) -> SourcesAndUses:
    return SourcesAndUses(
        contributions=fund_cash_moved_by(TransactionKind.DEPOSIT, as_of=as_of),
        interest=fund_cash_moved_by(TransactionKind.INTEREST, as_of=as_of),
        administrative_agent_fees=-fund_cash_moved_by(
            TransactionKind.ADMINISTRATIVE_AGENT_FEE, as_of=as_of
        ),
        transfers=-fund_cash_moved_by(TransactionKind.TRANSFER, as_of=as_of),
        refunds=-fund_cash_moved_by(TransactionKind.REFUND, as_of=as_of),
        returned_by_organisations=fund_cash_moved_by(
            TransactionKind.RETURN_OF_UNSPENT_BALANCE, as_of=as_of
        ),
        balance=fund_balance(as_of=as_of),
    )


def unbalanced_transactions() -> dict[int, dict[str, Decimal]]:
    """Transactions whose entries do not sum to zero in some currency (should be none)."""
    found: dict[int, dict[str, Decimal]] = {}
    totals = exact_totals_by(LedgerEntry.objects.all(), "transaction", "currency")
    for (transaction_id, currency), total in totals.items():
        if total != 0:
            found.setdefault(transaction_id, {})[currency] = total
    return found
