import pytest
from django.core.management import call_command

from poolfund.accounts.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_logins(demo_site, settings):
    """Demo accounts exist only where DEBUG is on, as under `make run`."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    return demo_site


def test_a_demo_user_signs_in_and_out(page, demo_logins):
    page.goto(demo_logins.url + "/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("demo-fmu")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(demo_logins.url + "/")
    assert page.get_by_test_id("signed-in-as").inner_text() == "demo-fmu"

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Sign in").is_visible()
    assert page.get_by_test_id("signed-in-as").count() == 0
