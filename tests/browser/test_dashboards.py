import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_fund_overview_shows_charts_with_data_tables_and_switches_to_spanish(demo_site, page):
    page.goto(f"{demo_site.url}/dashboards/?as_of=2024-08-31")
    assert page.get_by_role("heading", name="Fund overview").is_visible()
    figures = page.get_by_test_id("figure")
    assert figures.count() == 5
    assert figures.first.locator("svg").count() == 1
    balance = page.get_by_test_id("balance")
    assert "21.8%" in balance.inner_text()

    page.get_by_label("Language").select_option("es")
    expect(page.get_by_role("heading", name="Panorama del Fondo")).to_be_visible()

    page.get_by_role("link", name="Latinoamérica").click()
    expect(page.get_by_role("heading", name="Latinoamérica")).to_be_visible()
    expect(page.locator("main")).to_contain_text("16 Programas Conjuntos financiados")
