"""Browser tests: a real headless Chromium (Debian's) driven by Playwright."""

import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's guard against using the
# ORM from async code would otherwise refuse the fixtures that prepare data.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("POOLFUND_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip(
            "BROWSER TESTS SKIPPED: no Chromium found. Install Debian's `chromium` "
            "(make test does so when it runs as root) or set POOLFUND_CHROMIUM."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server, transactional_db):
    """A live server with the demo data; transactional tests start from an empty database."""
    call_command("load_demo", verbosity=0)
    return live_server
