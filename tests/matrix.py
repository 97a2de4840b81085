"""The role matrix: declare an endpoint (URL, method, payload, who may call it) and get one
test per role, plus a person with no role and an anonymous visitor.

Allowed callers must get one of `success`, and a call that changed records must have written
an audit event; everyone else is refused (`refusal`: 403, or 404
where the record's existence is private; visitors are sent to sign in on pages and get 401 from
the API), and a refused request must not write anything to the database.

    test_deposit_role_matrix = role_matrix(
        Endpoint("record a deposit", "POST", "/api/v1/deposits/", allowed={Role.FMU},
                 api=True, payload=lambda context: {...}, success=(201,)),
    )
"""

import importlib
import re
from collections.abc import Callable, Collection
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from poolfund.accounts.choices import Role
from tests.accounts.factories import UserFactory, user_with_role

NO_ROLE = "no-role"
ANONYMOUS = "anonymous"
SIGNED_IN = frozenset({*Role, NO_ROLE})
"""Anyone signed in, whatever roles they hold."""

CALLERS = (*Role, NO_ROLE, ANONYMOUS)

# Saving the session or the shared cache (drawn charts) is bookkeeping, not a write to the
# Fund's records.
IGNORED_TABLES = {"django_session", "poolfund_cache"}
# Writes that are not changes to a domain record, so need no audit event (a notification
# marked read is its reader's bookkeeping).
NOT_AUDITED_TABLES = {"accounts_failedlogin", "django_admin_log", "inbox_notification"}
AUDIT_TABLE = "audit_auditevent"
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

Context = dict[str, Any]

DECLARED_ENDPOINTS: list["Endpoint"] = []
"""Every endpoint of every role matrix, for the test that every URL has an entry."""
PUBLIC_ROUTES: dict[str, str] = {}
"""URL routes (as the resolver spells them) open to everyone, with the reason."""


def import_every_role_matrix() -> list["Endpoint"]:
    """Imports every test module that declares endpoints; returns them all."""
    tests = Path(__file__).resolve().parent
    for path in sorted(tests.rglob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        if "role_matrix(" in text or "public(" in text:
            importlib.import_module(".".join(path.relative_to(tests.parent).with_suffix("").parts))
    return DECLARED_ENDPOINTS


def public(reason: str, *routes: str) -> None:
    """Declares routes open to anyone, e.g. `public("open data", "api/v1/framework/objectives/")`;
    a route ending in `*` covers every route under it."""
    for route in routes:
        PUBLIC_ROUTES[route] = reason


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    url: str | Callable[[Context], str]
    allowed: Collection[Role | str]
    api: bool = False
    payload: dict | Callable[[Context], dict] | None = None
    success: tuple[int, ...] = (200,)
    refusal: int = 403
    setup: Callable[[Any], Context] | None = None
    """Builds the records the call needs, given the caller (None when anonymous)."""
    multipart: bool = False
    """An API call that sends files (multipart/form-data) rather than JSON."""
    refused_by_the_input: Collection[Role | str] = ()
    """Callers who hold the right in general and are refused for what the payload names (a
    country they do not speak for): invalid input names nothing, so they get field errors."""

    def resolve(self, value, context: Context):
        return value(context) if callable(value) else value


@contextmanager
def watching_writes():
    """Collects the tables written to by the SQL run inside the block."""
    written: list[str] = []

    def watch(execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match.group(1).lower() not in IGNORED_TABLES:
            written.append(match.group(1))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield written


def caller(who) -> Any:
    if who == ANONYMOUS:
        return None
    if who == NO_ROLE:
        return UserFactory(username="no-role")
    return user_with_role(who)


def call(endpoint: Endpoint, user, context: Context, payload: dict | None = None):
    if endpoint.api:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        extra = {"format": "multipart" if endpoint.multipart else "json"}
    else:
        client = Client()
        if user is not None:
            client.force_login(user)
        extra = {}
    url = endpoint.resolve(endpoint.url, context)
    if payload is None:
        payload = endpoint.resolve(endpoint.payload, context)
    with watching_writes() as written:
        response = getattr(client, endpoint.method.lower())(url, payload, **extra)
    return response, written


def garbled(payload: dict | None) -> dict | None:
    """The payload with every value replaced by one no field accepts; None when nothing is sent."""
    return {name: "\x00not-a-value" for name in payload} if payload else None


def check(endpoint: Endpoint, who) -> None:
    user = caller(who)
    context = endpoint.setup(user) if endpoint.setup else {}
    response, written = call(endpoint, user, context)
    if who in endpoint.allowed:
        assert response.status_code in endpoint.success, (
            f"{who} may {endpoint.name}; got {response.status_code}"
        )
        changed = set(written) - NOT_AUDITED_TABLES - {AUDIT_TABLE}
        assert not changed or AUDIT_TABLE in written, f"{changed} changed without an audit event"
        return
    assert_refused(endpoint, who, response, written)
    invalid = garbled(endpoint.resolve(endpoint.payload, context))
    if invalid is not None and who not in endpoint.refused_by_the_input:
        # The right is checked before the input: a refused caller learns nothing from field
        # errors (which organisations or criteria exist) and gets the same refusal.
        response, written = call(endpoint, user, context, payload=invalid)
        assert_refused(endpoint, who, response, written, "with invalid input ")


def assert_refused(endpoint: Endpoint, who, response, written, how: str = "") -> None:
    if who == ANONYMOUS and not endpoint.api:
        assert response.status_code == 302, f"visitors are sent to sign in, got {response}"
        assert response["Location"].startswith("/account/login/")
    elif who == ANONYMOUS:
        assert response.status_code == 401, f"the API asks visitors for a token, got {response}"
    else:
        assert response.status_code == endpoint.refusal, (
            f"{who} may not {endpoint.name}; {how}got {response.status_code}"
        )
    assert written == [], f"a refused request {how}wrote to {written}"


def role_matrix(*endpoints: Endpoint) -> Callable:
    """A parametrised test: every endpoint, called by every kind of caller."""
    DECLARED_ENDPOINTS.extend(endpoints)
    cases = [
        pytest.param(endpoint, who, id=f"{endpoint.name}|{who}")
        for endpoint in endpoints
        for who in CALLERS
    ]

    @pytest.mark.django_db
    @pytest.mark.parametrize(("endpoint", "who"), cases)
    def test_role_matrix(endpoint: Endpoint, who) -> None:
        check(endpoint, who)

    return test_role_matrix
