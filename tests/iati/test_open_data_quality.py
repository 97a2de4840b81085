"""The open-data page shows the IATI Dashboard's measures of the export."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_open_data_page_shows_the_quality_of_the_export(client, full_programme):
    page = client.get("/open-data/").content.decode()
    assert 'data-testid="iati-quality"' in page
    assert "Activity date" in page and "100.0% (1/1)" in page
    assert "programmes are withheld" in page  # the demo's undated programmes


def test_the_fmu_finds_the_identifiers_page_from_the_open_data_page(client, cast):
    client.force_login(cast.fmu)
    assert "/iati/organisations/" in client.get("/open-data/").content.decode()
