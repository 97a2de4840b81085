"""Pages in the states the page list does not reach with the demo data: a list on its second
page, a page that does not exist, and a form the person got wrong. Each fits every width and
has no serious or critical axe-core violation, in each language."""

import pytest
from django.conf import settings

from poolfund.accounts.choices import Role
from tests.browser.page_list import DEMO_USERNAMES
from tests.browser.test_every_page import Findings, demo_pages_site, signed_in_context

pytestmark = pytest.mark.browser

__all__ = ["demo_pages_site"]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_second_page_an_error_page_and_a_refused_form_fit_and_pass_axe(
    browser, demo_pages_site, monkeypatch, language
):
    monkeypatch.setattr("poolfund.donors.views.DONOR_PAGE_SIZE", 5)
    findings = Findings()
    context = signed_in_context(
        browser, demo_pages_site, DEMO_USERNAMES[Role.GOVERNMENT_FOCAL_POINT], language
    )
    page = context.new_page()
    site = demo_pages_site.url

    page.goto(f"{site}/donors/?page=2")
    assert page.locator('[data-testid="pagination"] [aria-current="page"]').inner_text() == "2"
    findings.check(page, "the donors' second page", "/donors/", [])

    assert page.goto(f"{site}/no-such-page/").status == 404
    findings.check(page, "a page that does not exist", "/no-such-page/", [])

    page.goto(f"{site}/concept-notes/new/")
    page.evaluate("document.querySelector('main form').noValidate = true")
    page.locator("main form button[type=submit]").click()
    summary = page.locator('[data-testid="error-summary"]')
    summary.wait_for()
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    assert page.locator(target).count() == 1, f"{target} leads nowhere"
    assert page.locator(".usa-error-message").count() >= 1
    findings.check(page, "a concept note sent empty", "/concept-notes/new/", [])
    context.close()
    assert not findings.overflows, "\n".join(findings.overflows)
    assert not findings.accessibility, "\n".join(findings.accessibility)
