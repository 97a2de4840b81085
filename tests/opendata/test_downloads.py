import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rest_framework import serializers

from poolfund.donors.models import Deposit
from poolfund.iati.models import ExternalActivity
from poolfund.iati.services import import_iati_file
from poolfund.opendata.registry import Dataset, dataset_named, register_dataset

pytestmark = pytest.mark.django_db

VALID_IATI_FILE = Path(__file__).resolve().parents[1] / "iati" / "fixtures" / "valid.xml"
REGISTERED = [
    "countries",
    "deposits",
    "external-activities",
    "framework-objectives",
    "indicators",
    "programmes",
    "thematic-areas",
    "transfers",
]


def downloaded_csv(client, slug):
    response = client.get(f"/open-data/{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="poolfund-{slug}.csv"'
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_open_data_page_offers_csv_and_xlsx_of_each_dataset_with_its_dictionary(client):
    html = client.get("/open-data/").content.decode()
    assert html.count('data-testid="dataset"') == len(REGISTERED)
    for slug in REGISTERED:
        assert f'href="/open-data/{slug}.csv"' in html
        assert f'href="/open-data/{slug}.xlsx"' in html
        assert f'id="dictionary-{slug}"' in html
    assert "ISO 3166 alpha-2 codes of the recipient countries." in html


def test_csv_download_of_objectives_holds_all_23(client):
    rows = downloaded_csv(client, "framework-objectives")
    assert rows[0] == ["number", "short_label", "title", "thematic_area"]
    assert len(rows) == 24
    assert rows[-1][0] == "23"
    assert rows[-1][3] == ""


def test_csv_download_of_countries_gives_their_m49_regions(client):
    rows = downloaded_csv(client, "countries")
    guatemala = next(row for row in rows if row[0] == "GTM")
    assert guatemala[4:] == ["Americas", "Latin America and the Caribbean", "Central America"]


def test_xlsx_download_has_the_data_and_the_dictionary_and_is_formula_safe(client):
    import_iati_file(path=VALID_IATI_FILE)
    ExternalActivity.objects.filter(iati_identifier="XM-DAC-41301-MIG-002").update(
        title="=cmd|' /C calc'!A0"
    )
    response = client.get("/open-data/external-activities.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    data = list(workbook["external-activities"].values)
    assert data[0][:3] == ("id", "iati_identifier", "reporting_org")
    assert len(data) == 3
    titles = [row[data[0].index("title")] for row in data[1:]]
    assert "'=cmd|' /C calc'!A0" in titles
    dictionary = list(workbook["dictionary"].values)
    assert dictionary[0] == ("column", "type", "description")
    assert dictionary[10][:2] == ("recipient_countries", "list of codes, separated by '; '")


def test_csv_download_of_deposits_has_every_deposit_without_bank_references(client):
    rows = downloaded_csv(client, "deposits")
    assert len(rows) - 1 == Deposit.objects.count()
    assert "bank_reference" not in rows[0]
    assert rows[0][:4] == ["id", "donor", "received_on", "amount"]


def test_unknown_dataset_is_404(client):
    assert client.get("/open-data/nothing.csv").status_code == 404
    assert client.get("/open-data/countries.pdf").status_code == 404


def test_a_dataset_slug_cannot_be_registered_twice_for_different_data():
    class Other(serializers.Serializer):
        name = serializers.CharField()

    with pytest.raises(ValueError, match="countries"):
        register_dataset(
            Dataset(
                slug="countries",
                title="Other",
                description="",
                serializer_class=Other,
                queryset=lambda: ExternalActivity.objects.none(),
            )
        )
    assert dataset_named("countries").title == "Countries"
