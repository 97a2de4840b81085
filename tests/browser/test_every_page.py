"""Every page of the page list, as each of its viewers sees it in each language, in one walk:
- it runs under the Content-Security-Policy without a single violation (no inline script or
  style, nothing loaded from elsewhere: Swagger UI, the admin, htmx and the charts included);
- it fits every screen width without a horizontal scroll bar;
- axe-core (tests/browser/vendor/axe.min.js) finds no serious or critical violation.

One walk, because opening the pages is most of the time: axe is run through Playwright's
`evaluate`, which the page's policy does not govern, so the policy is checked as served."""

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
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING_IMPACTS = {"serious", "critical"}
# Django's own admin is not built with the design system; its known defects (tabular inlines'
# fields without labels, filter_horizontal's tooltip, breadcrumb links told apart by colour
# alone) are Django's, not PoolFund's pages; so are Swagger UI's widgets (buttons nested in
# buttons, its grey version stamp). Both are held to the policy all the same.
NOT_OURS = ("/admin/", "/api/docs/")
PAGES_THAT_DRAW_AFTER_LOADING = {"/api/docs/"}
"""Swagger UI fetches the schema, then draws the page: wait until the network is quiet."""

RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.cspViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
  + ` at ${event.sourceFile}:${event.lineNumber}`
));
"""
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
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    domain = site.url.split("//")[1].split(":")[0]
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language}]
    if username:
        client = Client()
        client.force_login(User.objects.get(username=username))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session})
    context.add_cookies([{**cookie, "domain": domain, "path": "/"} for cookie in cookies])
    return context


class Findings:
    def __init__(self):
        self.csp, self.overflows, self.accessibility = [], [], []

    def check(self, page, who: str, path: str, console: list[str]) -> None:
        self.csp += [f"{who}: {seen}" for seen in page.evaluate("window.cspViolations")]
        self.csp += [f"{who}: {message}" for message in console]
        console.clear()
        if path.startswith(NOT_OURS):
            return
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                self.overflows.append(f"{who} at {width} px: {overflow}")
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.evaluate(AXE)
        self.accessibility += [
            f"{who}: {violation}"
            for violation in page.evaluate(AXE_RUN)
            if violation["impact"] in BLOCKING_IMPACTS
        ]


@pytest.mark.slow
def test_every_page_keeps_the_policy_fits_every_width_and_has_no_serious_violation(
    browser, demo_pages_site
):
    visits_by_viewer = defaultdict(list)
    for visit in page_visits():
        visits_by_viewer[visit.username, visit.language].append(visit.path)
    findings, pages = Findings(), 0
    for (username, language), paths in visits_by_viewer.items():
        context = signed_in_context(browser, demo_pages_site, username, language)
        page = context.new_page()
        console: list[str] = []
        page.on(
            "console",
            lambda message, seen=console: (
                seen.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        for path in paths:
            page.set_viewport_size({"width": WIDTHS[0], "height": 800})
            wait_until = "networkidle" if path in PAGES_THAT_DRAW_AFTER_LOADING else "load"
            response = page.goto(demo_pages_site.url + path, wait_until=wait_until)
            who = f"{path} as {username or 'a visitor'} ({language})"
            assert response.ok, f"{who}: {response.status}"
            findings.check(page, who, path, console)
            pages += 1
        context.close()
    assert pages >= 100
    assert not findings.csp, "Content-Security-Policy:\n" + "\n".join(findings.csp)
    assert not findings.overflows, "Horizontal scroll:\n" + "\n".join(findings.overflows)
    assert not findings.accessibility, "axe-core, serious or critical:\n" + "\n".join(
        findings.accessibility
    )


def test_swagger_ui_draws_the_api_under_the_policy(page, demo_site):
    page.goto(f"{demo_site.url}/api/docs/")
    page.locator(".swagger-ui .info .title").filter(has_text="PoolFund API").wait_for()
    assert page.locator(".opblock").count() > 5
