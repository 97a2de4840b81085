import pytest

pytestmark = pytest.mark.browser


def test_home_page_shows_the_five_thematic_areas(page, demo_site):
    page.goto(demo_site.url + "/")
    areas = page.get_by_test_id("thematic-area")
    assert areas.count() == 5
    assert "Thematic area 1" in areas.first.inner_text()


def test_following_an_objective_opens_its_page(page, demo_site):
    page.goto(demo_site.url + "/")
    page.get_by_role("link", name="17 Eliminate discrimination").click()
    page.wait_for_url("**/framework/objectives/17/")
    assert "Eliminate all forms of discrimination" in page.inner_text("main")


def test_a_visitor_switches_to_spanish_and_stays_on_the_page(page, demo_site):
    page.goto(demo_site.url + "/programmes/")
    page.select_option("#language-select", "es")
    page.wait_for_function("document.documentElement.lang === 'es'")
    assert page.url == demo_site.url + "/programmes/"
    page.goto(demo_site.url + "/donors/")
    assert page.locator("html").get_attribute("lang") == "es"
