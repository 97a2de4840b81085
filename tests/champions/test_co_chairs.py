import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poolfund.champions.models import CoChairTerm
from poolfund.champions.selectors import co_chair_rotation, co_chairs_on
from poolfund.champions.services.memberships import (
    MAX_CO_CHAIRS,
    CoChairRotationError,
    appoint_co_chair,
    one_year_term_end,
)
from poolfund.geo.models import Country
from tests.champions.factories import fmu

pytestmark = pytest.mark.django_db


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


def chairs_on(day: date) -> set[str]:
    return {term.country.iso3 for term in co_chairs_on(day)}


def test_el_salvador_and_morocco_are_the_first_co_chairs_from_october_2023():
    assert chairs_on(date(2023, 9, 30)) == set()
    assert chairs_on(date(2023, 10, 1)) == {"SLV", "MAR"}
    assert chairs_on(date(2024, 9, 30)) == {"SLV", "MAR"}
    assert chairs_on(date(2024, 10, 1)) == set()


def test_a_term_lasts_one_year_by_default():
    term = appoint_co_chair(actor=fmu(), country=country("MEX"), starts_on=date(2024, 10, 1))
    assert term.ends_on == date(2025, 9, 30)
    assert one_year_term_end(date(2024, 2, 29)) == date(2025, 2, 28)


def test_a_third_co_chair_is_refused_while_two_sit():
    with pytest.raises(CoChairRotationError, match="at most 2 co-chairs"):
        appoint_co_chair(actor=fmu(), country=country("MEX"), starts_on=date(2024, 3, 1))
    assert chairs_on(date(2024, 3, 1)) == {"SLV", "MAR"}


def test_a_term_that_starts_before_and_runs_into_two_sitting_co_chairs_is_refused():
    with pytest.raises(CoChairRotationError, match="01 October 2023"):
        appoint_co_chair(actor=fmu(), country=country("MEX"), starts_on=date(2023, 6, 1))


def test_the_same_country_cannot_hold_two_overlapping_terms():
    actor = fmu()
    appoint_co_chair(actor=actor, country=country("PAN"), starts_on=date(2024, 10, 1))
    with pytest.raises(CoChairRotationError, match="already co-chairs"):
        appoint_co_chair(actor=actor, country=country("PAN"), starts_on=date(2025, 3, 1))


def test_a_term_longer_than_a_year_is_refused():
    with pytest.raises(CoChairRotationError, match="one year at most"):
        appoint_co_chair(
            actor=fmu(),
            country=country("MEX"),
            starts_on=date(2024, 10, 1),
            ends_on=date(2026, 1, 1),
        )


def test_the_next_pair_takes_over_and_the_rotation_history_keeps_every_term():
    # Oldest first; within a start day by country name (El Salvador before Morocco).
    actor = fmu()
    appoint_co_chair(actor=actor, country=country("CRI"), starts_on=date(2024, 10, 1))
    appoint_co_chair(actor=actor, country=country("CAN"), starts_on=date(2024, 10, 1))
    assert chairs_on(date(2025, 1, 15)) == {"CRI", "CAN"}
    assert [term.country.iso3 for term in co_chair_rotation()] == ["SLV", "MAR", "CAN", "CRI"]


def test_appointing_a_co_chair_needs_the_fund_management_unit(django_user_model):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        appoint_co_chair(
            actor=django_user_model.objects.create_user("nobody"),
            country=country("MEX"),
            starts_on=date(2024, 10, 1),
        )


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["MEX", "PAN", "CRI", "CAN", "PER"]), st.integers(0, 900)),
        max_size=8,
    )
)
def test_no_day_ever_has_more_than_two_co_chairs(appointments):
    actor = fmu()
    CoChairTerm.objects.all().delete()
    for iso3, offset in appointments:
        starts_on = date.fromordinal(date(2024, 10, 1).toordinal() + offset)
        with contextlib.suppress(CoChairRotationError):
            appoint_co_chair(actor=actor, country=country(iso3), starts_on=starts_on)
    terms = list(CoChairTerm.objects.all())
    for term in terms:
        sitting = [other for other in terms if other.starts_on <= term.starts_on <= other.ends_on]
        assert len(sitting) <= MAX_CO_CHAIRS
