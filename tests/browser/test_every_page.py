"""Every page of the page list, as each of its viewers sees it in each language, fits every
screen width without a horizontal scroll bar and has no serious or critical accessibility
violation by axe-core (tests/browser/vendor/axe.min.js)."""

from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from poolfund.accounts.models import User
from tests.browser.page_list import page_visits

pytestmark = pytest.mark.browser

WIDTHS = (360, 768, 1366, 1920)
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
# Django's own admin is not built with the design system; its known defects (tabular inlines'
# fields without labels, filter_horizontal's tooltip, breadcrumb links told apart by colour
# alone) are Django's, not PoolFund's pages.
NOT_OURS = "/admin/"

# What overflows, for the failure message: the widest elements reaching past the window.
OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const culprits = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
    .map((element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (element.className && typeof element.className === "string"
        ? "." + element.className.trim().split(/\\s+/).join(".") : ""));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
          culprits: culprits.slice(-3)};
}"""
AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((violation) => ({
    id: violation.id, impact: violation.impact,
    targets: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}"""


@pytest.fixture
def demo_pages_site(live_server, transactional_db, settings):
    """The demo data with the demo logins, which load_demo makes only with DEBUG on."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    return live_server


def signed_in_context(browser, site, username: str | None, language: str):
    # bypass_csp: axe is injected as a script of the test, not of the site.
    context = browser.new_context(bypass_csp=True, viewport={"width": WIDTHS[0], "height": 800})
    domain = site.url.split("//")[1].split(":")[0]
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language}]
    if username:
        client = Client()
        client.force_login(User.objects.get(username=username))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session})
    context.add_cookies([{**cookie, "domain": domain, "path": "/"} for cookie in cookies])
    return context


def test_every_page_fits_every_width_and_has_no_serious_accessibility_violation(
    browser, demo_pages_site
):
    visits_by_viewer = defaultdict(list)
    for visit in page_visits():
        if visit.path.startswith(NOT_OURS):
            continue
        visits_by_viewer[visit.username, visit.language].append(visit.path)
    overflows, violations, pages = [], [], 0
    for (username, language), paths in visits_by_viewer.items():
        context = signed_in_context(browser, demo_pages_site, username, language)
        page = context.new_page()
        for path in paths:
            page.set_viewport_size({"width": WIDTHS[0], "height": 800})
            response = page.goto(demo_pages_site.url + path)
            assert response.ok, f"{path} as {username} ({language}): {response.status}"
            who = f"{path} as {username or 'a visitor'} ({language})"
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                overflow = page.evaluate(OVERFLOW)
                if overflow:
                    overflows.append(f"{who} at {width} px: {overflow}")
            page.add_script_tag(path=str(AXE))
            for violation in page.evaluate(AXE_RUN):
                if violation["impact"] in BLOCKING_IMPACTS:
                    violations.append(f"{who}: {violation}")
            pages += 1
        context.close()
    assert pages >= 100
    assert not overflows, "Horizontal scroll:\n" + "\n".join(overflows)
    assert not violations, "axe-core, serious or critical:\n" + "\n".join(violations)
