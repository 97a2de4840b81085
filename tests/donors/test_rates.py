from datetime import date
from decimal import Decimal

import pycountry
import pytest
from babel.numbers import get_currency_precision
from django.core.management import CommandError, call_command

from poolfund.donors.models import CurrencyRate
from poolfund.donors.rates import ecb_rates
from poolfund.ledger.currencies import minor_units

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "places"), [("JPY", 0), ("USD", 2), ("EUR", 2), ("KWD", 3)])
def test_minor_units_per_currency(code, places):
    assert minor_units(code) == places


def test_every_iso_4217_currency_has_its_minor_units_from_cldr():
    for currency in pycountry.currencies:
        assert minor_units(currency.alpha_3) == get_currency_precision(currency.alpha_3)


def test_ecb_rates_are_turned_into_units_per_usd_through_the_euro():
    rows = {
        (row.currency, row.rate_date): row.units_per_usd
        for row in ecb_rates(since=date(2024, 3, 4), currencies=["JPY"])
    }
    # 2024-03-04: 1 EUR = 1.0846 USD = 163.22 JPY (ECB reference rates).
    assert rows[("EUR", date(2024, 3, 4))] == (1 / Decimal("1.0846")).quantize(Decimal("1e-10"))
    assert rows[("JPY", date(2024, 3, 4))] == (Decimal("163.22") / Decimal("1.0846")).quantize(
        Decimal("1e-10")
    )


def test_import_rates_from_csv(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("currency,date,units_per_usd\nCHF,2030-01-02,0.91\nchf,2030-01-03,0.92\n")
    call_command("import_rates", str(path), verbosity=0)
    assert CurrencyRate.objects.get(currency="CHF", rate_date=date(2030, 1, 3)).units_per_usd == (
        Decimal("0.92")
    )


@pytest.mark.parametrize(
    "body",
    [
        "currency,date,units_per_usd\nXYZ,2030-01-02,1\n",
        "currency,date,units_per_usd\nCHF,2030-01-02,0\n",
        "currency,date,units_per_usd\nCHF,2030-02-30,1\n",
        "code,day,rate\nCHF,2030-01-02,1\n",
    ],
)
def test_a_bad_rates_file_is_refused_whole(tmp_path, body):
    path = tmp_path / "rates.csv"
    path.write_text("currency,date,units_per_usd\nCHF,2030-01-01,0.9\n" + body.split("\n", 1)[1])
    if body.startswith("code"):
        path.write_text(body)
    with pytest.raises(CommandError):
        call_command("import_rates", str(path), verbosity=0)
    assert not CurrencyRate.objects.filter(rate_date__year=2030).exists()
