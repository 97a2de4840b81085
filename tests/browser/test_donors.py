import pytest

pytestmark = pytest.mark.browser


def test_donors_table_sorts_by_name_in_place(page, demo_site):
    page.goto(demo_site.url + "/donors/")
    first_cell = page.locator("#donors tbody tr").first.locator("td").first
    assert first_cell.inner_text() == "Germany"
    page.get_by_role("link", name="Donor", exact=True).click()
    page.wait_for_url("**/donors/?sort=name")
    assert page.locator("#donors tbody tr").first.locator("td").first.inner_text() == "Azerbaijan"
    assert page.locator("figure.chart svg").count() == 1


def test_capitalization_page_shows_progress_toward_the_target(page, demo_site):
    page.goto(demo_site.url + "/fund/?as_of=2024-08-31")
    assert page.locator("#progress").get_attribute("value") == "38.4"
    assert page.locator("#deposited").inner_text() == "USD 57,595,084.00"
    assert page.locator("figure.chart svg").count() == 1
