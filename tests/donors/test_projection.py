from datetime import date
from decimal import Decimal

import pytest

from poolfund.donors.selectors import capitalization_projection, months_before

pytestmark = pytest.mark.django_db


def test_months_before_keeps_the_day_or_the_month_end():
    assert months_before(date(2024, 8, 31), 6) == date(2024, 2, 29)
    assert months_before(date(2024, 8, 31), -1) == date(2024, 9, 30)


def test_projection_at_the_pace_of_the_last_twelve_months():
    projection = capitalization_projection(as_of=date(2024, 8, 31), months=12)
    # Deposits from 2023-09-01 to 2024-08-31: Spain, Luxembourg, Bosch, Portugal, Philippines,
    # Ireland, Thailand.
    recent = sum(
        Decimal(n) for n in ["1082303", "26307", "63121", "610203", "166402", "55569", "25000"]
    )
    assert projection.recent_monthly_pace_usd == (recent / 12).quantize(Decimal("0.01"))
    assert projection.remaining_usd == Decimal("150000000") - Decimal("57595084")
    assert projection.months_to_deadline == 21  # 2024-08-31 to 2026-05-31
    assert projection.needed_monthly_pace_usd == Decimal("4400234.10")  # rounded up
    # 92,404,916 / 169,075.42 = 546.5, so 547 months after August 2024.
    assert projection.projected_on == date(2070, 3, 31)


def test_projection_after_the_deadline_has_no_needed_pace():
    projection = capitalization_projection(as_of=date(2026, 11, 1))
    assert projection.needed_monthly_pace_usd is None
    assert projection.recent_monthly_pace_usd == 0
    assert projection.projected_on is None
