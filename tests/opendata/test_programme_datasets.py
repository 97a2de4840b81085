"""Bulk downloads of the programme cycle: programmes, transfers, indicators, IATI files."""

import csv
import io
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import load_workbook

from poolfund.programmes.models import JointProgramme
from tests.iati.conftest import full_programme  # noqa: F401  (a programme with everything)
from tests.programmes.conftest import cast  # noqa: F401  (the people full_programme needs)

pytestmark = pytest.mark.django_db


def csv_rows(client, slug: str) -> list[dict[str, str]]:
    response = client.get(f"/open-data/{slug}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_programmes_csv_lists_every_programme_with_its_budget(client):
    rows = csv_rows(client, "programmes")
    assert len(rows) == JointProgramme.objects.count()
    amr01 = next(row for row in rows if row["code"] == "AMR-01")
    assert Decimal(amr01["budget_usd"]) == JointProgramme.objects.get(code="AMR-01").budget_usd
    assert amr01["countries"] == "CRI"


def test_transfers_csv_gives_what_each_organisation_received(client, full_programme):  # noqa: F811
    (row,) = csv_rows(client, "transfers")
    assert row["programme"] == full_programme.code
    assert row["organisation"] == "IOM"
    assert Decimal(row["amount_usd"]) == Decimal("300000")
    assert row["reversed_on"] == ""


def test_indicators_xlsx_has_the_latest_value_and_a_dictionary(client, full_programme):  # noqa: F811
    response = client.get("/open-data/indicators.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    data = list(workbook.worksheets[0].iter_rows(values_only=True))
    header, (row,) = data[0], data[1:]
    values = dict(zip(header, row, strict=True))
    assert values["programme"] == full_programme.code
    assert Decimal(str(values["latest_value"])) == Decimal(800)
    assert values["objectives"] == "7"
    assert "latest_value" in [r[0] for r in workbook["dictionary"].iter_rows(values_only=True)]


def test_the_open_data_page_offers_both_iati_files_and_they_download(client, full_programme):  # noqa: F811
    html = client.get("/open-data/").content.decode()
    assert html.count('data-testid="iati-file"') == 2
    for url, root, count in [
        ("/iati/poolfund-activities.xml", "iati-activities", 1),  # the one dated programme
        ("/iati/poolfund-organisation.xml", "iati-organisations", 1),
    ]:
        assert f'href="{url}"' in html
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/xml")
        assert "attachment" in response["Content-Disposition"]
        document = etree.fromstring(response.content)
        assert document.tag == root and len(document) == count
