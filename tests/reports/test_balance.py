from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poolfund.reports.balance import funding_balance

AREAS = (1, 2, 3, 4, 5)
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


def test_americas_portfolio_is_a_fifth_of_its_money_away_from_even():
    # The brief's 16 programmes: TA1 3.70M, TA2 14.50M, TA3 7.30M, TA4 4.00M, TA5 9.75M.
    balance = funding_balance(
        {
            1: Decimal("3700000"),
            2: Decimal("14500000"),
            3: Decimal("7300000"),
            4: Decimal("4000000"),
            5: Decimal("9750000"),
        }
    )
    assert balance.total == Decimal("39250000")
    assert balance.even_share == Decimal("0.2")
    assert round(balance.imbalance, 4) == Decimal("0.2178")
    assert [round(area.gap, 4) for area in balance.areas] == [
        Decimal("-0.1057"),
        Decimal("0.1694"),
        Decimal("-0.0140"),
        Decimal("-0.0981"),
        Decimal("0.0484"),
    ]


def test_even_funding_has_no_imbalance():
    balance = funding_balance(dict.fromkeys(AREAS, Decimal("2000000")))
    assert balance.imbalance == 0


def test_all_money_in_one_area_is_the_largest_imbalance():
    balance = funding_balance({1: Decimal("5"), 2: 0, 3: 0, 4: 0, 5: 0})
    assert balance.imbalance == balance.largest_possible_imbalance == Decimal("0.8")


def test_no_money_leaves_the_imbalance_undefined_not_zero():
    balance = funding_balance(dict.fromkeys(AREAS, Decimal(0)))
    assert balance.imbalance is None
    assert all(area.share is None for area in balance.areas)


def test_a_balance_needs_areas():
    with pytest.raises(ValueError):
        funding_balance({})


@given(st.lists(amounts, min_size=5, max_size=5), st.integers(min_value=1, max_value=1000))
def test_imbalance_is_bounded_and_does_not_depend_on_scale(values, factor):
    balance = funding_balance(dict(zip(AREAS, values, strict=True)))
    if balance.imbalance is None:
        assert sum(values) == 0
        return
    assert 0 <= balance.imbalance <= balance.largest_possible_imbalance + Decimal("1e-20")
    scaled = funding_balance(
        {area: value * factor for area, value in zip(AREAS, values, strict=True)}
    )
    assert abs(scaled.imbalance - balance.imbalance) < Decimal("1e-20")
