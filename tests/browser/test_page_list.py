"""The page list of the browser tests stays complete and true: every page route is in it (or
declared not a page), and every page it lists answers 200 to the viewer it names."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import resolve

from poolfund.accounts.models import User
from tests.browser.page_list import page_routes, page_visits

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_logins(settings):
    """The demo accounts, and the allocation round that needs them, exist only where DEBUG is
    on, as under `make run`."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False


def test_every_page_route_is_in_the_page_list_or_declared_not_a_page(demo_logins):
    listed = {resolve(urlsplit(visit.path).path).route for visit in page_visits()}
    missing = sorted(route for route in page_routes() if route not in listed)
    assert not missing, f"Add these pages to tests/browser/page_list.py or NOT_PAGES: {missing}"


def test_the_page_list_has_visitors_and_every_demo_user_in_every_language(demo_logins):
    visits = page_visits()
    assert {visit.username for visit in visits} == {
        None,
        *User.objects.filter(username__startswith="demo-").values_list("username", flat=True),
    }
    assert {visit.language for visit in visits} == {code for code, _name in settings.LANGUAGES}
    assert ("/jobs/", None, "en") not in visits
    assert ("/jobs/", "demo-fmu", "es") in visits
    assert ("/admin/", "demo-fmu", "en") in visits


def test_every_listed_page_answers_200_to_its_viewer(demo_logins):
    failures = []
    for visit in page_visits():
        client = Client()
        if visit.username:
            client.force_login(User.objects.get(username=visit.username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = visit.language
        response = client.get(visit.path)
        if response.status_code != 200:
            failures.append(f"{visit} -> {response.status_code}")
    assert not failures, "\n".join(failures)
