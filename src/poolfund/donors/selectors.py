"""Capitalization figures and donor tables, computed from the ledger's deposit entries."""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from poolfund.donors.models import CapitalizationTarget, Commitment, Deposit, Donor
from poolfund.ledger.choices import AccountKind, TransactionKind
from poolfund.ledger.currencies import FUND_CURRENCY, to_minor_units
from poolfund.ledger.models import LedgerEntry
from poolfund.ledger.sums import exact_total, exact_totals_by


def _counted_deposit_entries(as_of: date | None) -> QuerySet[LedgerEntry]:
    """USD received into Fund cash by deposits not reversed (as of a day)."""
    entries = LedgerEntry.objects.filter(
        transaction__kind=TransactionKind.DEPOSIT,
        account__kind=AccountKind.FUND_CASH,
        currency=FUND_CURRENCY,
    )
    if as_of is None:
        return entries.filter(transaction__reversal__isnull=True)
    return entries.filter(transaction__occurred_on__lte=as_of).exclude(
        transaction__reversal__occurred_on__lte=as_of
    )


def deposited_usd_by_donor(*, as_of: date | None = None) -> dict[int, Decimal]:
    return exact_totals_by(
        _counted_deposit_entries(as_of), "transaction__deposit__commitment__donor"
    )


def committed_usd_by_donor(*, as_of: date | None = None) -> dict[int, Decimal]:
    commitments = Commitment.objects.all()
    if as_of is not None:
        commitments = commitments.filter(signed_on__lte=as_of)
    return exact_totals_by(commitments, "donor", field="usd_amount")


def current_target(*, as_of: date | None = None) -> CapitalizationTarget | None:
    return CapitalizationTarget.objects.filter(set_on__lte=as_of or timezone.localdate()).first()


def target_history() -> QuerySet[CapitalizationTarget]:
    return CapitalizationTarget.objects.order_by("set_on")


@dataclass(frozen=True)
class DonorRow:
    donor: Donor
    deposited_usd: Decimal
    committed_usd: Decimal

    @property
    def outstanding_usd(self) -> Decimal:
        return max(self.committed_usd - self.deposited_usd, Decimal(0))


def donor_rows(*, as_of: date | None = None) -> list[DonorRow]:
    """Every donor with what it committed and deposited, largest deposit first."""
    deposited = deposited_usd_by_donor(as_of=as_of)
    committed = committed_usd_by_donor(as_of=as_of)
    rows = [
        DonorRow(donor, deposited.get(donor.pk, Decimal(0)), committed.get(donor.pk, Decimal(0)))
        for donor in Donor.objects.select_related("country")
    ]
    return sorted(rows, key=lambda row: (-row.deposited_usd, row.donor.name))


DONOR_ROW_KEYS: dict[str, Callable[[DonorRow], Any]] = {
    "name": lambda row: row.donor.name.casefold(),
    "type": lambda row: (row.donor.get_donor_type_display(), row.donor.name.casefold()),
    "deposited": lambda row: row.deposited_usd,
    "committed": lambda row: row.committed_usd,
}
"""What donor rows sort by: `name`, or `-name` for the reverse (see `DonorFilterSet`)."""
DEFAULT_DONOR_ORDER = "-deposited"


def sorted_donor_rows(rows: list[DonorRow], order: str = DEFAULT_DONOR_ORDER) -> list[DonorRow]:
    return sorted(rows, key=DONOR_ROW_KEYS[order.removeprefix("-")], reverse=order.startswith("-"))


@dataclass(frozen=True)
class FundSummary:
    as_of: date
    target: CapitalizationTarget | None
    deposited_usd: Decimal
    committed_usd: Decimal
    donor_count: int
    member_state_count: int
    currency: str = FUND_CURRENCY

    @property
    def target_usd(self) -> Decimal | None:
        return self.target.amount if self.target else None

    @property
    def percent_of_target(self) -> Decimal | None:
        """Share of the target deposited, in percent to one decimal place (half up)."""
        if not self.target:
            return None
        return (self.deposited_usd * 100 / self.target.amount).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def deposited_usd_millions(self) -> Decimal:
        """The figure as the brief rounds it (USD 57.5M): truncated to a tenth of a million."""
        return (self.deposited_usd / 1_000_000).quantize(Decimal("0.1"), rounding="ROUND_DOWN")


def fund_summary(*, as_of: date | None = None) -> FundSummary:
    as_of = as_of or timezone.localdate()
    deposited = deposited_usd_by_donor(as_of=as_of)
    donors = [donor for donor, total in deposited.items() if donor is not None and total > 0]
    return FundSummary(
        as_of=as_of,
        target=current_target(as_of=as_of),
        deposited_usd=to_minor_units(sum(deposited.values(), Decimal(0)), FUND_CURRENCY),
        committed_usd=to_minor_units(
            sum(committed_usd_by_donor(as_of=as_of).values(), Decimal(0)), FUND_CURRENCY
        ),
        donor_count=len(donors),
        member_state_count=Donor.objects.filter(pk__in=donors, is_un_member_state=True).count(),
    )


def cumulative_deposits(*, as_of: date | None = None) -> list[tuple[date, Decimal]]:
    """(day, USD deposited up to and including that day), one point per day with deposits."""
    daily = exact_totals_by(_counted_deposit_entries(as_of), "transaction__occurred_on")
    running, points = Decimal(0), []
    for day, total in sorted(daily.items()):
        running += total
        points.append((day, running))
    return points


def month_end_totals(points: list[tuple[date, Decimal]]) -> list[tuple[date, Decimal]]:
    """The last running total of each month: a decade of daily deposits drawn as thousands of
    points would make the capitalization page megabytes long for no visible difference."""
    last_of_month: dict[tuple[int, int], tuple[date, Decimal]] = {}
    for day, running in points:
        last_of_month[(day.year, day.month)] = (day, running)
    return list(last_of_month.values())


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def whole_months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


@dataclass(frozen=True)
class Projection:
    months: int
    recent_monthly_pace_usd: Decimal
    remaining_usd: Decimal
    projected_on: date | None
    """When the target would be reached at the recent pace; None if the pace is zero."""
    months_to_deadline: int
    needed_monthly_pace_usd: Decimal | None
    """None when the deadline has passed."""


def capitalization_projection(*, as_of: date | None = None, months: int = 12) -> Projection:
    """At the pace of the last `months` months, when is the target reached; and what monthly
    pace would reach it by its deadline."""
    summary = fund_summary(as_of=as_of)
    as_of = summary.as_of
    window = Q(transaction__occurred_on__gt=months_before(as_of, months))
    recent = exact_total(_counted_deposit_entries(as_of).filter(window))
    pace = (recent / months).quantize(Decimal("0.01"))
    remaining = max((summary.target_usd or Decimal(0)) - summary.deposited_usd, Decimal(0))
    projected_on = None
    if remaining == 0:
        projected_on = as_of
    elif pace > 0:
        months_needed = int((remaining / pace).to_integral_value(rounding=ROUND_CEILING))
        projected_on = months_before(as_of, -months_needed)
    months_left = whole_months_between(as_of, summary.target.deadline) if summary.target else 0
    needed = None
    if months_left > 0:
        needed = (remaining / months_left).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
    elif summary.target and summary.target.deadline >= as_of:
        needed = remaining
    return Projection(months, pace, remaining, projected_on, months_left, needed)


def deposits_for_donor(donor: Donor) -> QuerySet[Deposit]:
    return Deposit.objects.filter(commitment__donor=donor).select_related(
        "commitment", "ledger_transaction"
    )


def commitments_for_donor(donor: Donor) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(donor=donor)
        .select_related("thematic_area", "country", "region")
        .prefetch_related("instalments", "deposits")
    )
