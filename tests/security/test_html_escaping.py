"""Text people type is shown as text: a `<script>` sent through every write endpoint of every
role matrix never comes back as markup on any page."""

import pytest
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from poolfund.accounts.choices import Role
from tests.accounts.factories import RoleAssignmentFactory, user_with_role
from tests.matrix import Endpoint, import_every_role_matrix

MARKUP = '<script>alert("pwned")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"


def with_markup(value):
    if isinstance(value, str):
        return MARKUP
    if isinstance(value, dict):
        return {key: with_markup(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_markup(item) for item in value]
    return value


def person_holding_every_role():
    person = user_with_role(Role.FMU, username="holds-every-role")
    for role in Role:
        if role != Role.FMU:
            RoleAssignmentFactory(user=person, role=role)
    return person


def send(endpoint: Endpoint, person, context: dict, payload=None):
    client = APIClient() if endpoint.api else Client()
    client.force_login(person)
    extra = {"format": "json"} if endpoint.api else {}
    url = endpoint.resolve(endpoint.url, context)
    return getattr(client, endpoint.method.lower())(url, payload, **extra)


@pytest.mark.django_db
def test_markup_sent_through_every_write_endpoint_is_escaped_on_every_page():
    endpoints = import_every_role_matrix()
    writes = [e for e in endpoints if e.method in {"POST", "PUT", "PATCH"} and e.payload]
    pages = [e for e in endpoints if e.method == "GET" and not e.api]
    person = person_holding_every_role()
    # Every write first, each in its own savepoint (one write's records must not make another
    # fail): what they wrote stays, all of it at once, for every page to show.
    for write in writes:
        with transaction.atomic():
            context = write.setup(person) if write.setup else {}
            send(write, person, context, with_markup(write.resolve(write.payload, context)))
    shown_escaped = 0
    for page in pages:
        with transaction.atomic():
            page_context = page.setup(person) if page.setup else {}
            response = send(page, person, page_context)
            transaction.set_rollback(True)
        if not response["Content-Type"].startswith("text/html"):
            continue
        body = response.content.decode()
        assert MARKUP not in body, f"{page.name} shows markup a write sent"
        shown_escaped += ESCAPED in body
    # The test means something only if some page does show what was typed.
    assert shown_escaped, "no page showed the text sent; the test checked nothing"
