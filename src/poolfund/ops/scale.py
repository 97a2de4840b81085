"""Scale data for load tests and benchmarks: many donors, commitments and deposits over
several years, made through the same services as real records (ledger postings, audit events),
never loaded from committed data. Deterministic for a given seed."""

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from poolfund.donors import services as donor_services
from poolfund.donors.choices import DonorType
from poolfund.donors.models import CurrencyRate, Donor
from poolfund.framework.models import ThematicArea
from poolfund.ledger.models import AdministrativeAgentFeeRate
from poolfund.ledger.services import set_administrative_agent_fee_rate

PREFIX = "Scale"
CURRENCIES = ("USD", "USD", "USD", "EUR", "GBP", "CHF", "SEK")
DONOR_TYPES = (DonorType.FOUNDATION, DonorType.NGO, DonorType.PRIVATE_SECTOR, DonorType.OTHER)


def _rate_days(first_day: date) -> dict[str, list[date]]:
    """Days with a rate per currency (deposits are converted with the rate of their day)."""
    days: dict[str, list[date]] = {"USD": []}
    for currency, day in (
        CurrencyRate.objects.filter(rate_date__gte=first_day)
        .order_by("rate_date")
        .values_list("currency", "rate_date")
    ):
        days.setdefault(currency, []).append(day)
    return days


def _fee_rate_from(first_day: date) -> None:
    """The scale data may start before the real Fund did (2019): its earliest fee rate (the
    standard 1% if none is set) then applies from the first generated day."""
    earliest = AdministrativeAgentFeeRate.objects.order_by("valid_from").first()
    if earliest is None or earliest.valid_from > first_day:
        rate = earliest.rate if earliest else Decimal("0.01")
        set_administrative_agent_fee_rate(actor=None, rate=rate, valid_from=first_day)


def generate_donors(
    *, donors: int, years: int, seed: int, today: date, say: Callable[[str], None]
) -> dict[str, int]:
    """Adds `donors` donors, each with a commitment a year (about) and its deposits."""
    generator = random.Random(seed)
    first_day = date(today.year - years + 1, 1, 1)
    _fee_rate_from(first_day)
    rate_days = _rate_days(first_day)
    currencies = [c for c in CURRENCIES if c == "USD" or rate_days.get(c)]
    areas = list(ThematicArea.objects.filter(framework__code="gcm"))
    existing = Donor.objects.filter(name__startswith=PREFIX).count()
    made = {"donors": 0, "commitments": 0, "deposits": 0}
    for number in range(existing, existing + donors):
        with transaction.atomic():
            donor = donor_services.create_donor(
                actor=None,
                name=f"{PREFIX} donor {number:05d}",
                donor_type=generator.choice(DONOR_TYPES),
            )
            made["donors"] += 1
            for year in range(first_day.year, today.year + 1):
                if generator.random() < 0.2:
                    continue  # not every donor gives every year
                made["deposits"] += _commitment_with_deposits(
                    donor, year, number, generator, currencies, rate_days, areas, today
                )
                made["commitments"] += 1
        if made["donors"] % 50 == 0:
            say(f"  {made['donors']} donors")
    return made


def _commitment_with_deposits(donor, year, number, generator, currencies, rate_days, areas, today):
    currency = generator.choice(currencies)
    days = [d for d in rate_days.get(currency, []) if d.year == year and d <= today]
    if currency != "USD" and len(days) < 2:
        currency, days = "USD", []
    if currency == "USD":
        start = date(year, 1, 1)
        last = min(date(year, 12, 31), today)
        days = [start + timedelta(days=n) for n in range((last - start).days + 1)]
    signed_on, *deposit_days = sorted(generator.sample(days, min(3, len(days))))
    amount = Decimal(generator.randrange(50_000, 5_000_000, 1000))
    commitment = donor_services.record_commitment(
        actor=None,
        donor=donor,
        reference=f"SCALE-{number:05d}-{year}",
        amount=amount,
        currency=currency,
        signed_on=signed_on,
        thematic_area=generator.choice(areas) if areas and generator.random() < 0.3 else None,
    )
    instalments = len(deposit_days) or 1
    paid = Decimal(0)
    for index, day in enumerate(deposit_days):
        share = amount - paid if index == instalments - 1 else (amount / instalments).quantize(1)
        donor_services.record_deposit(
            actor=None,
            commitment=commitment,
            amount=share,
            received_on=day,
            bank_reference=f"SCALE-{number:05d}-{year}-{index}",
        )
        paid += share
    return len(deposit_days)
