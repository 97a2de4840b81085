"""Figures computed from many records are kept per version of the data: computed once, then
served from the shared cache until any record changes (a change writes an audit event)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.cache.backends.base import CacheKeyWarning
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.donors.models import Commitment
from poolfund.donors.services import record_deposit
from poolfund.web import data_cache
from poolfund.web.data_cache import cache_public_page, figures_of_this_data
from tests.accounts.factories import ApiTokenFactory, user_with_role

pytestmark = pytest.mark.django_db


def record_a_deposit(amount: str, bank_reference: str) -> None:
    """A change of data: an over-payment on a USD commitment (one audit event)."""
    commitment = Commitment.objects.filter(currency="USD").first()
    record_deposit(
        actor=None,
        commitment=commitment,
        amount=Decimal(amount),
        received_on=commitment.signed_on,
        bank_reference=bank_reference,
        is_over_payment=True,
    )


def test_figures_are_computed_once_per_version_of_the_data():
    cache.clear()
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert figures_of_this_data("test", compute, "a") == 1
    assert figures_of_this_data("test", compute, "a") == 1
    assert figures_of_this_data("test", compute, "b") == 2
    record_a_deposit("1", "figures-cache-test")
    assert figures_of_this_data("test", compute, "a") == 3


def test_the_dashboard_shows_a_deposit_as_soon_as_it_is_recorded(client):
    cache.clear()
    before = client.get("/dashboards/").content.decode()
    record_a_deposit("1234567", "figures-cache-dashboard")
    after = client.get("/dashboards/").content.decode()
    assert before != after


def queries_of(client, path: str, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, headers=headers).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/programmes/",
        "/api/v1/programmes/?country=MEX",
        "/",
        "/programmes/",
        "/programmes/?country=MEX",
        "/donors/",
        "/fund/",
        "/dashboards/",
        "/dashboards/regions/419/",
    ],
)
def test_a_public_page_is_served_from_the_cache_until_the_data_changes(client, path):
    cache.clear()
    first = client.get(path).content
    assert queries_of(client, path) == 2  # the data version and the cached page
    assert client.get(path).content == first
    record_a_deposit("5", "page-cache")
    assert queries_of(client, path) > 2  # a change of data: computed again


def test_a_csv_asked_for_by_its_accept_header_is_not_served_the_cached_json(client):
    assert client.get("/api/v1/programmes/")["Content-Type"].startswith("application/json")
    as_csv = client.get("/api/v1/programmes/", HTTP_ACCEPT="text/csv")
    assert as_csv["Content-Type"].startswith("text/csv")


def test_signed_in_people_and_api_tokens_never_get_a_cached_page(client):
    cache.clear()
    client.get("/api/v1/programmes/")
    token = ApiTokenFactory(user=user_with_role(Role.FMU))
    assert queries_of(client, "/api/v1/programmes/", Authorization=f"Token {token.key}") > 2
    client.force_login(user_with_role(Role.FMU))
    assert queries_of(client, "/api/v1/programmes/") > 2


def test_a_page_holding_a_csrf_token_is_never_shared(rf):
    cache.clear()
    served = []

    @cache_public_page
    def page_with_a_form(request):
        served.append(1)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    for _ in range(2):
        request = rf.get("/form/")
        request.user = AnonymousUser()
        page_with_a_form(request)
    assert len(served) == 2


def test_visitors_pages_hold_no_csrf_token_and_signed_in_pages_do(client):
    for path in ["/", "/programmes/", "/dashboards/"]:
        html = client.get(path).content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert "X-CSRFToken" not in html
    client.force_login(user_with_role(Role.FMU))
    assert "X-CSRFToken" in client.get("/").content.decode()


def test_a_visitor_who_chose_a_language_gets_the_cached_page_in_that_language(client):
    cache.clear()
    assert 'lang="en"' in client.get("/programmes/").content.decode()
    client.get("/language/", {"language": "es", "next": "/"})
    assert 'lang="es"' in client.get("/programmes/").content.decode()
    assert queries_of(client, "/programmes/") == 2
    assert 'lang="es"' in client.get("/programmes/").content.decode()


def test_a_visitor_with_a_session_is_never_served_a_shared_page(client):
    cache.clear()
    client.get("/programmes/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session"
    assert queries_of(client, "/programmes/") > 2


def test_a_shared_page_is_computed_again_on_the_next_day(client, monkeypatch):
    cache.clear()
    client.get("/dashboards/")
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(data_cache.timezone, "localdate", lambda: tomorrow)
    assert queries_of(client, "/dashboards/") > 2


@pytest.mark.parametrize(("path", "accept"), [("/api/v1/programmes/", "text/csv"), ("/", "")])
def test_a_page_served_from_the_cache_is_the_page_as_sent(client, path, accept):
    cache.clear()
    sent = client.get(path, HTTP_ACCEPT=accept)
    assert queries_of(client, path, Accept=accept) == 2
    again = client.get(path, HTTP_ACCEPT=accept)
    assert again.content == sent.content
    assert again["Content-Type"] == sent["Content-Type"]
    assert again["Content-Language"] == sent["Content-Language"]


def counting_page():
    """A visitor page whose body says how many times it was computed."""
    computed = []

    @cache_public_page
    def page(request):
        computed.append(1)
        return HttpResponse(f"computed {len(computed)} times")

    def visit() -> str:
        request = RequestFactory().get("/counting/")
        request.user = AnonymousUser()
        return page(request).content.decode()

    return visit


def test_while_another_process_computes_a_changed_page_visitors_get_it_as_it_was(monkeypatch):
    cache.clear()
    visit = counting_page()
    assert visit() == "computed 1 times"
    record_a_deposit("7", "stampede")
    with monkeypatch.context() as elsewhere:
        elsewhere.setattr(data_cache.cache, "add", lambda *args, **kwargs: False)
        assert visit() == "computed 1 times"  # the page before the change, not computed again
    assert visit() == "computed 2 times"  # computed for the change once it is this process's
    assert visit() == "computed 2 times"


def test_a_page_never_stored_is_computed_even_while_another_process_computes_it(monkeypatch):
    cache.clear()
    monkeypatch.setattr(data_cache.cache, "add", lambda *args, **kwargs: False)
    assert counting_page()() == "computed 1 times"


BROWSER_ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/jxl,image/avif,image/webp,"
    "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
)


def test_a_browser_with_a_long_accept_header_is_served_from_the_cache(client, recwarn):
    cache.clear()
    client.get("/programmes/", HTTP_ACCEPT=BROWSER_ACCEPT + ";" + "x" * 200)
    assert queries_of(client, "/programmes/", Accept=BROWSER_ACCEPT + ";" + "x" * 200) == 2
    assert not [warning for warning in recwarn if warning.category is CacheKeyWarning]
