"""Template filters for amounts and shares in the active language.

{% load money %}
{{ summary.deposited_usd|money_compact }}   → USD 57.6M  /  57,6 M USD
{{ summary.deposited_usd|money }}           → USD 57,595,084  /  57.595.084 USD
{{ donor.total|money:"EUR" }}               → EUR 1,000  /  1.000 EUR
{{ summary.share_of_target|percent }}       → 38.4%  /  38,4 %
"""

from decimal import Decimal

from django import template

from poolfund.reports.formatting import format_money, format_money_compact, format_share

register = template.Library()

MINUS_SIGN = "\u2212"


@register.filter
def money(amount, currency: str = "USD") -> str:
    if amount is None or amount == "":
        return "—"
    return format_money(amount, currency)


@register.filter
def money_compact(amount, currency: str = "USD") -> str:
    if amount is None or amount == "":
        return "—"
    return format_money_compact(amount, currency)


@register.filter
def percent(share) -> str:
    return format_share(share)


@register.filter
def percent_points(points) -> str:
    return format_share(None if points is None else Decimal(points) / 100)


@register.filter
def signed_percent(share) -> str:
    if share is None:
        return "—"
    sign = "+" if share > 0 else MINUS_SIGN if share < 0 else ""
    return sign + format_share(abs(share))
