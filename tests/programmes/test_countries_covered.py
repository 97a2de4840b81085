"""Which countries a programme covers: one rule (the countries it names and the members of its
regional bodies), read the same way by earmarks, country and region pages, and proponents."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.geo.models import Country, RegionalBody
from poolfund.ledger import services as ledger
from poolfund.ledger.choices import AccountKind
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.selectors import (
    countries_covered,
    countries_named_or_members,
    is_proponent,
    programmes,
    programmes_covering,
)
from poolfund.programmes.services.transfers import transfer_to_organisation
from poolfund.reports.selectors import portfolio
from tests.accounts.factories import user_with_role
from tests.ledger.conftest import deposit
from tests.programmes.factories import note_in, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def caricom() -> RegionalBody:
    return RegionalBody.objects.get(acronym="CARICOM")


@pytest.fixture
def caricom_programme(cast, caricom):
    """A Joint Programme that names no country, only CARICOM."""
    return note_in(State.JOINT_PROGRAMME, cast, countries=[], regional_bodies=[caricom])


def transfers_from_a_pool_earmarked_to(country: Country, cast, programme) -> bool:
    pool = ledger.fund_pool(country=country)
    donor = ledger.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "test-donor", "Test donor")
    deposit(pool, donor, "10000")
    try:
        transfer_to_organisation(
            actor=cast.fmu,
            programme=programme,
            organisation=organisation("IOM"),
            amount_usd=Decimal("100"),
            occurred_on=date(2025, 2, 1),
            pool=pool,
        )
    except ledger.EarmarkViolation:
        return False
    return True


def test_a_regional_body_programme_covers_every_member_country(caricom_programme, caricom):
    programme = caricom_programme.joint_programme
    assert countries_covered(programme) == set(caricom.members.all())
    assert countries_covered(caricom_programme) == set(caricom.members.all())


def test_a_programme_naming_countries_and_a_body_covers_both_but_lists_what_it_names(cast, caricom):
    mexico = Country.objects.get(iso3="MEX")
    note = note_in(State.JOINT_PROGRAMME, cast, countries=[mexico], regional_bodies=[caricom])
    assert countries_covered(note.joint_programme) == {mexico, *caricom.members.all()}
    assert countries_named_or_members(note.joint_programme) == [mexico]


def test_earmarks_and_the_country_pages_and_brief_agree_on_the_covered_countries(
    cast, caricom_programme
):
    programme = caricom_programme.joint_programme
    covered = countries_covered(programme)
    jamaica, peru = Country.objects.get(iso3="JAM"), Country.objects.get(iso3="PER")
    assert jamaica in covered and peru not in covered
    for country in (jamaica, peru):
        one = Country.objects.filter(pk=country.pk)
        on_the_page = portfolio(
            framework=programme.thematic_area.framework,
            as_of=timezone.localdate(),
            countries=one,
        )
        assert (programme in on_the_page.programmes) == (country in covered)
        assert (programme in programmes_covering(programmes(), one)) == (country in covered)
        assert transfers_from_a_pool_earmarked_to(country, cast, programme) == (country in covered)


def test_a_member_government_speaks_for_a_regional_body_note(caricom_programme):
    peru = user_with_role(Role.GOVERNMENT_FOCAL_POINT, country=Country.objects.get(iso3="PER"))
    jamaica = user_with_role(Role.GOVERNMENT_FOCAL_POINT, country=Country.objects.get(iso3="JAM"))
    assert not is_proponent(peru, caricom_programme)
    assert is_proponent(jamaica, caricom_programme)
