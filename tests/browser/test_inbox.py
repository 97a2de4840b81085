"""The demo Steering Committee member signs in and reaches a pending decision from the inbox."""

import pytest
from django.core.management import call_command

from poolfund.accounts.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_logins(demo_site, settings):
    """Demo accounts and the demo round exist only where DEBUG is on, as under `make run`."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    return demo_site


def test_the_steering_committee_member_reaches_a_pending_decision_from_the_inbox(page, demo_logins):
    page.goto(demo_logins.url + "/account/login/")
    page.get_by_label("Username").fill("demo-steering-committee")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(demo_logins.url + "/")
    decisions = page.locator('[data-testid="task-group"][data-kind="programmes.decide"]')
    assert int(decisions.get_by_test_id("task-count").inner_text()) > 0
    first = decisions.get_by_test_id("task").first
    assert "Approve for funding, or reject" in first.inner_text()
    first.get_by_role("link").click()
    page.wait_for_url("**/concept-notes/**")
    assert page.locator('form[data-action="approve"]').count() == 1
