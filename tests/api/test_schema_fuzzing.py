"""Schemathesis feeds the API generated requests, valid and not, from its own OpenAPI schema:
no answer may be a server error, and every documented answer must match the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
)

from poolfund.accounts.choices import Role
from poolfund.wsgi import application
from tests.accounts.factories import ApiTokenFactory, user_with_role

# Known server errors, each to be fixed by the issue that owns the endpoint, then removed here.
KNOWN_SERVER_ERRORS: list[tuple[str, str]] = []

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
for known_method, known_path in KNOWN_SERVER_ERRORS:
    schema = schema.exclude(method=known_method, path=known_path)

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    response_headers_conformance,
]
# A few hundred calls in all: enough to find a crash, bounded so the suite stays quick.
BOUNDED = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def keep_the_test_transactions_connection():
    """Requests go straight to the WSGI application, which closes a connection that is not in
    autocommit at each request's end; the test client avoids this the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fmu_token() -> str:
    return ApiTokenFactory(user=user_with_role(Role.FMU)).key


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_the_api_never_fails_a_visitor(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_the_api_never_fails_the_fund_management_unit(case, fmu_token):
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Token {fmu_token}"})
