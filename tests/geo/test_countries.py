import pytest
from django.core.management import call_command

from poolfund.geo.models import Country, RegionalBody
from poolfund.geo.selectors import countries_in_region, region_by_name_or_code

pytestmark = pytest.mark.django_db


def test_every_current_iso_country_is_loaded():
    assert Country.objects.count() >= 240
    assert Country.objects.get(iso3="BOL").name == "Bolivia"


def test_barbados_sits_in_the_m49_caribbean_and_latin_america():
    barbados = Country.objects.select_related("region", "sub_region", "intermediate_region").get(
        iso3="BRB"
    )
    assert (barbados.region.m49_code, barbados.region.name) == ("019", "Americas")
    assert barbados.sub_region.m49_code == "419"
    assert barbados.sub_region.name == "Latin America and the Caribbean"
    assert barbados.intermediate_region.m49_code == "029"


@pytest.mark.parametrize(
    "name_or_code", ["Latin America and the Caribbean", "419", "latin america and the caribbean"]
)
def test_region_resolves_by_name_or_m49_code(name_or_code):
    region = region_by_name_or_code(name_or_code)
    countries = set(countries_in_region(region).values_list("iso3", flat=True))
    assert {"MEX", "PAN", "BRA", "TTO", "PER"} <= countries
    assert "CAN" not in countries
    assert "USA" not in countries


def test_central_and_south_america_are_intermediate_regions():
    assert "GTM" in countries_in_region(region_by_name_or_code("013")).values_list(
        "iso3", flat=True
    )
    assert "URY" in countries_in_region(region_by_name_or_code("005")).values_list(
        "iso3", flat=True
    )


def test_regional_bodies_group_their_members():
    caricom = RegionalBody.objects.get(acronym="CARICOM")
    assert caricom.members.count() == 15
    assert caricom.members.filter(iso3="TTO").exists()
    rcm = set(RegionalBody.objects.get(acronym="RCM").members.values_list("iso3", flat=True))
    sacm = set(RegionalBody.objects.get(acronym="SACM").members.values_list("iso3", flat=True))
    assert {"CAN", "CRI", "SLV", "HND", "MEX", "PAN"} <= rcm
    assert {"COL", "ECU", "PER"} <= sacm


def test_country_names_carry_spanish_translations():
    from django.utils import translation

    with translation.override("es"):
        assert Country.objects.get(iso3="MEX").localized_name == "México"


def test_loading_twice_changes_nothing():
    before = Country.objects.count()
    call_command("load_geo", verbosity=0)
    assert Country.objects.count() == before
    assert RegionalBody.objects.get(acronym="CARICOM").members.count() == 15
