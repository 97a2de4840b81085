"""ISO 4217 currencies (pycountry) and their minor units (Babel's CLDR data)."""

from decimal import Decimal

import pycountry
from babel.numbers import get_currency_precision
from django.utils.translation import gettext as _

from poolfund.errors import DomainError

FUND_CURRENCY = "USD"


class UnknownCurrency(DomainError):
    code = "unknown_currency"


class TooManyDecimalPlaces(DomainError):
    code = "too_many_decimal_places"


def is_iso_currency(code: str) -> bool:
    return pycountry.currencies.get(alpha_3=code) is not None


def minor_units(code: str) -> int:
    """How many decimal places the currency counts in (JPY 0, USD 2, KWD 3)."""
    return get_currency_precision(require_currency(code))


def require_currency(code: str) -> str:
    normalized = (code or "").strip().upper()
    if len(normalized) != 3 or not is_iso_currency(normalized):
        raise UnknownCurrency(
            _("%(code)s is not an ISO 4217 currency code (e.g. USD, EUR, JPY).")
            % {"code": repr(code)},
            fields={"currency": _("unknown currency")},
        )
    return normalized


def require_exact_amount(amount: Decimal, currency: str) -> Decimal:
    """The amount, refused if it is not a Decimal or has more decimals than the currency has."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise DomainError(
            _("An amount must be a finite Decimal."), fields={"amount": _("not a number")}
        )
    places = minor_units(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise TooManyDecimalPlaces(
            _("%(currency)s amounts have %(places)s decimal places; %(amount)s has more.")
            % {"currency": currency, "places": places, "amount": amount},
            fields={"amount": _("too many decimal places")},
        )
    return amount


def require_positive_amount(amount: Decimal, currency: str) -> Decimal:
    require_exact_amount(amount, currency)
    if amount <= 0:
        raise DomainError(
            _("The amount must be more than zero (got %(amount)s %(currency)s).")
            % {"amount": amount, "currency": currency},
            fields={"amount": _("must be positive")},
        )
    return amount


def to_minor_units(amount: Decimal, currency: str) -> Decimal:
    """Round half up to the currency's own minor units."""
    return amount.quantize(Decimal(1).scaleb(-minor_units(currency)), rounding="ROUND_HALF_UP")
