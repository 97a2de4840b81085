"""Every page, as each of its viewers sees it in each language, runs under the
Content-Security-Policy without a single violation: no inline script or style, nothing loaded
from elsewhere (Swagger UI, the admin, htmx and the charts included)."""

from collections import defaultdict

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from poolfund.accounts.models import User
from tests.browser.page_list import page_visits

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.cspViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
  + ` at ${event.sourceFile}:${event.lineNumber}`
));
"""
PAGES_THAT_DRAW_AFTER_LOADING = {"/api/docs/"}
"""Swagger UI fetches the schema, then draws the page: wait until the network is quiet."""


@pytest.fixture
def demo_pages_site(live_server, transactional_db, settings):
    """A live server with the demo data and the demo logins (which need DEBUG on)."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    return live_server


def session_cookie(username: str, url: str) -> dict:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


def violations_seen(context, base_url: str, username: str | None, language: str, paths) -> list:
    """Opens each page in one browser context; what the policy blocked, page by page."""
    context.add_init_script(RECORD_VIOLATIONS)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    if username:
        cookies.append(session_cookie(username, base_url))
    context.add_cookies(cookies)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    violations = []
    for path in paths:
        wait_until = "networkidle" if path in PAGES_THAT_DRAW_AFTER_LOADING else "load"
        page.goto(base_url + path, wait_until=wait_until)
        found = page.evaluate("window.cspViolations") + console
        violations += [f"{path} ({username}, {language}): {v}" for v in found]
        console.clear()
    return violations


def test_no_page_violates_the_content_security_policy(browser, demo_pages_site):
    by_viewer = defaultdict(list)
    for visit in page_visits():
        by_viewer[visit.username, visit.language].append(visit.path)
    violations = []
    for (username, language), paths in sorted(by_viewer.items(), key=str):
        context = browser.new_context()
        violations += violations_seen(context, demo_pages_site.url, username, language, paths)
        context.close()
    assert not violations, "\n".join(violations)


def test_swagger_ui_draws_the_api_under_the_policy(page, demo_site):
    page.goto(f"{demo_site.url}/api/docs/")
    page.locator(".swagger-ui .info .title").filter(has_text="PoolFund API").wait_for()
    assert page.locator(".opblock").count() > 5
