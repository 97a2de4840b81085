from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from poolfund.reports.formatting import format_money, format_money_compact, format_share

NBSP = "\xa0"


def readable(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "USD 57,595,084"), ("es", "57.595.084 USD")],
)
def test_exact_amount_puts_the_iso_code_where_the_language_does(language, expected):
    assert readable(format_money(Decimal("57595084"), "USD", language)) == expected


def test_exact_amount_shows_cents_only_when_there_are_some():
    assert readable(format_money(Decimal("12.5"), "EUR", "en")) == "EUR 12.50"
    assert readable(format_money(Decimal("12.00"), "EUR", "en")) == "EUR 12"


@pytest.mark.parametrize(
    ("amount", "english", "spanish"),
    [
        ("3700000", "USD 3.7M", "3,7 M USD"),
        ("39250000", "USD 39.25M", "39,25 M USD"),
        ("57595084", "USD 57.6M", "57,6 M USD"),
        ("150000000", "USD 150M", "150 M USD"),
    ],
)
def test_compact_amount_matches_the_brief_in_both_languages(amount, english, spanish):
    assert readable(format_money_compact(Decimal(amount), "USD", "en")) == english
    assert readable(format_money_compact(Decimal(amount), "USD", "es")) == spanish


def test_share_has_one_decimal_in_the_language_convention():
    share = Decimal("57595084") / Decimal("150000000")
    assert format_share(share, "en") == "38.4%"
    assert readable(format_share(share, "es")) == "38,4 %"
    assert format_share(None, "en") == "—"


def test_an_added_language_needs_no_code_only_its_cldr_data():
    assert readable(format_money_compact(Decimal("3700000"), "USD", "fr")) == "3,7 M USD"
    assert readable(format_money(Decimal("1000"), "USD", "pt")) == "USD 1.000"


def test_template_filters_follow_the_active_language():
    template = Template(
        "{% load money %}{{ amount|money_compact }} {{ amount|money }} {{ share|percent }}"
    )
    context = Context({"amount": Decimal("3700000"), "share": Decimal("0.25")})
    with translation.override("es"):
        assert readable(template.render(context)) == "3,7 M USD 3.700.000 USD 25,0 %"
    with translation.override("en"):
        assert readable(template.render(context)) == "USD 3.7M USD 3,700,000 25.0%"
