"""Registry-ready files: activity files by country or year, the organisation file, a list."""

import json

import pytest
from django.core.management import call_command
from lxml import etree

from poolfund.geo.models import Country

pytestmark = pytest.mark.django_db


def schema(shared_iati, name):
    return etree.XMLSchema(etree.parse(str(shared_iati / "schemas-2.03" / name)))


def listing(directory):
    return json.loads((directory / "datasets.json").read_text())


def test_split_by_country_writes_valid_files_and_a_list_of_them(
    tmp_path, shared_iati, full_programme, cast
):
    call_command("export", "iati-registry", "-o", tmp_path, verbosity=0)
    found = listing(tmp_path)
    assert found["split_by"] == "country"
    by_name = {each["name"]: each for each in found["datasets"]}
    assert set(by_name) == {"mptfo-org", "mptfo-mx"}
    assert by_name["mptfo-org"]["file_type"] == "organisation"
    assert by_name["mptfo-org"]["title"] == "Migration Multi-Partner Trust Fund: organisation file"
    assert by_name["mptfo-mx"] | {"sha256": "", "bytes": 0} == {
        "name": "mptfo-mx",
        "title": "Migration Multi-Partner Trust Fund: activities in Mexico",
        "license_id": "notspecified",
        "file": "mptfo-mx.xml",
        "file_type": "activity",
        "activities": 1,
        "countries": ["MX"],
        "years": [2025],
        "bytes": 0,
        "sha256": "",
    }
    activities = schema(shared_iati, "iati-activities-schema.xsd")
    assert activities.validate(etree.parse(str(tmp_path / "mptfo-mx.xml")))
    organisations = schema(shared_iati, "iati-organisations-schema.xsd")
    assert organisations.validate(etree.parse(str(tmp_path / "mptfo-org.xml")))
    assert {each["code"] for each in found["withheld"]} >= {"AMR-01"}


def test_an_activity_in_several_countries_goes_to_the_multi_country_file(tmp_path, full_programme):
    full_programme.countries.add(Country.objects.get(iso2="GT"))
    call_command("export", "iati-registry", "-o", tmp_path, verbosity=0)
    titles = {each["name"]: each["title"] for each in listing(tmp_path)["datasets"]}
    assert set(titles) == {"mptfo-org", "mptfo-998"}
    assert titles["mptfo-998"].endswith(": activities in several countries or regions")


def test_split_by_year_names_the_files_by_the_start_year(tmp_path, full_programme):
    call_command("export", "iati-registry", "-o", tmp_path, "--by", "year", verbosity=0)
    found = listing(tmp_path)
    assert {each["name"] for each in found["datasets"]} == {"mptfo-org", "mptfo-2025"}
    assert {each["license_id"] for each in found["datasets"]} == {"notspecified"}
    (activity_file,) = [d for d in found["datasets"] if d["file_type"] == "activity"]
    document = etree.parse(str(tmp_path / activity_file["file"])).getroot()
    assert len(document) == activity_file["activities"] == 1
    assert activity_file["title"].endswith(": activities started in 2025")
