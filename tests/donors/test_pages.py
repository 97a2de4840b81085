from datetime import date, timedelta
from decimal import Decimal

import pytest

from poolfund.donors import selectors
from poolfund.donors.services import record_deposit
from poolfund.geo.models import Region
from tests.donors.factories import DonorFactory, commitment_for

pytestmark = pytest.mark.django_db


def test_donors_page_has_a_table_and_a_chart_of_every_donor(client):
    html = client.get("/donors/").content.decode()
    assert html.count('href="/donors/') >= 22
    assert "<svg" in html
    assert "57,595,084.00" in html


def test_donors_table_sorts_by_name(client):
    html = client.get("/donors/?sort=name").content.decode()
    html = html[html.index('<table class="usa-table usa-table--compact sortable"') :]
    assert html.index(">Azerbaijan<") < html.index(">Bangladesh<") < html.index(">Türkiye<")
    assert 'aria-sort="ascending"' in html


def test_donor_page_shows_the_commitment_and_its_instalments(client):
    html = client.get("/donors/mexico/").content.decode()
    assert "550,000.00 USD" in html
    assert "2023-07-01: 175,000.00" in html
    assert "DEMO-mexico-1" not in html  # bank references are for the FMU and the donor


def test_donor_page_and_statement_show_a_region_earmark(client):
    donor = DonorFactory()
    commitment = commitment_for(
        donor,
        amount="500.00",
        region=Region.objects.get(m49_code="029"),
        steering_committee_decision="SC decision 2024/09",
    )
    record_deposit(
        actor=None,
        commitment=commitment,
        amount=Decimal("500.00"),
        received_on=date(2024, 3, 4),
        bank_reference="CARIBBEAN-1",
    )
    html = client.get(f"/donors/{donor.slug}/").content.decode()
    assert "Region (allowed by the Steering Committee) Caribbean (SC decision 2024/09)" in html
    statement = client.get("/fund/sources-and-uses/").content.decode()
    assert '<th scope="row">Earmarked to Caribbean</th><td class="number">495.00</td>' in statement


def test_capitalization_page_as_of_the_brief(client):
    html = client.get("/fund/?as_of=2024-08-31").content.decode()
    assert "USD 57,595,084.00" in html
    assert "(USD 57.5M)" in html
    assert 'value="38.4"' in html
    assert '<dd id="member-state-count">20</dd>' in html
    assert "<svg" in html


def test_years_of_daily_deposits_are_shown_as_month_ends(client, monkeypatch):
    days = [date(2010, 1, 1) + timedelta(days=offset) for offset in range(730)]
    daily = [(day, Decimal(index + 1)) for index, day in enumerate(days)]
    monkeypatch.setattr(selectors, "cumulative_deposits", lambda as_of: daily)
    html = client.get("/fund/").content.decode()
    assert html.count("<tr><td>2010-") + html.count("<tr><td>2011-") == 24
    assert "<tr><td>2010-01-31</td>" in html
    assert '<tr><td>2011-12-31</td><td class="number">730.00</td>' in html


def test_month_end_totals_keep_each_months_last_running_total():
    points = [(date(2024, 3, 5), Decimal(1)), (date(2024, 3, 9), Decimal(3))]
    assert selectors.month_end_totals(points) == [(date(2024, 3, 9), Decimal(3))]


def test_capitalization_page_refuses_a_bad_date(client):
    assert client.get("/fund/?as_of=soon").status_code == 400


def test_sources_and_uses_statement_balances(client):
    html = client.get("/fund/sources-and-uses/?as_of=2024-08-31").content.decode()
    assert "57,595,084.00" in html
    assert "575,950.84" in html
    assert '<td class="number" id="balance">57,019,133.16</td>' in html


def test_the_donor_chart_shows_the_largest_donors_and_the_others_as_one_bar(client, monkeypatch):
    monkeypatch.setattr("poolfund.donors.views.CHART_DONORS", 5)
    monkeypatch.setattr("poolfund.donors.views.DONOR_PAGE_SIZE", 10)
    html = client.get("/donors/").content.decode()
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert "17 other donors" in chart
    table = html[html.index('<table class="usa-table usa-table--compact sortable"') :]
    assert table.count('href="/donors/') == 10 and 'aria-label="Page 3"' in table
    assert "57,595,084.00" in table  # the total is of every donor, on every page
