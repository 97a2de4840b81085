"""Money and shares written the way each language writes them, from Babel's CLDR data.

English puts the ISO code first (USD 3.7M, USD 57,595,084); Spanish, French and German put it
last with their own separators (3,7 M USD, 57.595.084 USD). A new language needs no code here.
"""

from decimal import Decimal

from babel import Locale
from babel.numbers import NumberPattern, format_compact_decimal, parse_pattern
from django.utils.translation import get_language, to_locale

NO_BREAK_SPACE = "\xa0"


def _locale(language: str | None) -> Locale:
    return Locale.parse(to_locale(language or get_language() or "en"))


def _code_comes_first(locale: Locale) -> bool:
    pattern = locale.currency_formats["standard"].pattern
    return pattern.index("¤") < pattern.index("0")


def _with_code(number: str, currency: str, locale: Locale) -> str:
    if _code_comes_first(locale):
        return f"{currency}{NO_BREAK_SPACE}{number}"
    return f"{number}{NO_BREAK_SPACE}{currency}"


def _has_cents(amount: Decimal) -> bool:
    return amount != amount.to_integral_value()


def format_money(amount: Decimal | int, currency: str, language: str | None = None) -> str:
    """The exact amount with its ISO code: `USD 57,595,084` / `57.595.084 USD`.

    Cents are shown only when there are some, as the Fund's documents do.
    """
    locale = _locale(language)
    amount = Decimal(amount)
    pattern: NumberPattern = parse_pattern(locale.decimal_formats[None].pattern)
    digits = 2 if _has_cents(amount) else 0
    pattern.frac_prec = (digits, digits)
    return _with_code(pattern.apply(amount, locale), currency, locale)


def format_money_compact(amount: Decimal | int, currency: str, language: str | None = None) -> str:
    """The amount rounded to at most two decimals of its magnitude: `USD 3.7M` / `3,7 M USD`."""
    locale = _locale(language)
    number = format_compact_decimal(Decimal(amount), locale=locale, fraction_digits=2)
    return _with_code(number, currency, locale)


def format_share(share: Decimal | float | None, language: str | None = None) -> str:
    """A fraction (0.384) as a percentage with one decimal: `38.4%` / `38,4 %`."""
    if share is None:
        return "—"
    locale = _locale(language)
    pattern = parse_pattern(locale.percent_formats[None].pattern)
    pattern.frac_prec = (1, 1)
    return pattern.apply(Decimal(str(share)), locale)
