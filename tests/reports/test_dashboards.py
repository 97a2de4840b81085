import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.matrix import public

pytestmark = pytest.mark.django_db

public(
    "the published portfolio and capitalization; the pipeline counts only what the viewer may see",
    "dashboards/",
    "dashboards/countries/<str:iso3>/",
    "dashboards/regions/<str:m49_code>/",
)
public(
    "the regional brief is a public document built from published data",
    "reports/brief/<str:m49_code>/",
)


def plain(html: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", re.sub(r"<[^>]+>", " ", html))


def test_fund_overview_shows_capitalization_balance_and_every_chart_with_its_data(client):
    response = client.get(reverse("reports:fund-overview"), {"as_of": "2024-08-31"})
    html = response.content.decode()
    text = plain(html)
    assert "USD 57.6M" in text and "USD 57,595,084" in text
    assert "38.4%" in text
    assert "21.8%" in text
    assert html.count('data-testid="figure"') == 5
    assert html.count("<svg") == 5
    assert html.count('chart-data"') == 5
    assert "Latin America and the Caribbean USD 39,250,000" in text


def test_fund_overview_as_of_a_day_before_any_deposit_shows_nothing_mobilized(client):
    response = client.get(reverse("reports:fund-overview"), {"as_of": "2019-01-31"})
    assert "USD 0" in plain(response.content.decode())


def test_region_page_lists_the_programmes_and_offers_the_brief(client):
    response = client.get(reverse("reports:region", args=["419"]), {"as_of": "2024-08-31"})
    html = response.content.decode()
    text = plain(html)
    assert "16 funded Joint Programmes, USD 39.25M" in text
    assert html.count('data-testid="figure"') == 2
    assert "/reports/brief/419/?lang=es&amp;format=pdf&amp;as_of=2024-08-31" in html
    assert reverse("reports:country", args=["PER"]) in html


def test_region_without_programmes_says_so(client):
    response = client.get(reverse("reports:region", args=["154"]))
    assert "No Joint Programme in this region has been funded yet." in plain(
        response.content.decode()
    )


def test_country_page_shows_its_programmes_and_its_contribution(client):
    response = client.get(reverse("reports:country", args=["MEX"]))
    text = plain(response.content.decode())
    assert "As a donor, Mexico has deposited USD 550,000 into the Fund." in text
    # Chile and Mexico (TA5), and Guatemala, Mexico (TA2).
    assert "2 funded Joint Programmes cover this country, USD 5.7M" in text


def test_unknown_region_or_country_is_not_found(client):
    assert client.get(reverse("reports:region", args=["999"])).status_code == 404
    assert client.get(reverse("reports:country", args=["XXX"])).status_code == 404


def test_dashboards_speak_spanish_when_asked(client):
    client.cookies["django_language"] = "es"
    response = client.get(reverse("reports:fund-overview"), {"as_of": "2024-08-31"})
    text = plain(response.content.decode())
    assert "Panorama del Fondo" in text
    assert "57,6 M USD" in text


def test_brief_downloads_as_pdf_and_html(client):
    url = reverse("reports:brief", args=["419"])
    pdf = client.get(url, {"lang": "en", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    html = client.get(url, {"lang": "es", "format": "html"})
    assert '<html lang="es">' in html.content.decode()
    assert client.get(url, {"lang": "xx"}).status_code == 404


def test_each_chart_offers_its_figures_as_csv_with_their_day(client):
    url = reverse("reports:fund-overview")
    page = client.get(url, {"as_of": "2024-08-31"}).content.decode()
    assert "?as_of=2024-08-31&amp;csv=funding-by-area" in page
    response = client.get(url, {"as_of": "2024-08-31", "csv": "funding-by-area"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "funding-by-area-2024-08-31.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Thematic area", "Funding", "Share", "Even share", "as_of"]
    assert [rows[2][0], Decimal(rows[2][1]), rows[2][-1]] == ["TA 2", 14_500_000, "2024-08-31"]
    assert client.get(url, {"csv": "no-such-chart"}).status_code == 404
