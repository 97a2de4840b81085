import pytest
from django.template import Context, Template
from rest_framework.test import APIClient

from poolfund.accounts.choices import Role
from poolfund.accounts.services import revoke_api_token
from poolfund.audit.choices import AuditAction
from poolfund.audit.selectors import history_of
from poolfund.audit.services import record_event, snapshot
from tests.accounts.factories import (
    ApiTokenFactory,
    UserFactory,
    recorded_api_token,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fmu():
    return user_with_role(Role.FMU)


def test_the_history_page_shows_who_changed_what_and_why(client, fmu):
    token = recorded_api_token(name="nightly export")
    revoke_api_token(actor=fmu, token=token, reason="laptop stolen")
    client.force_login(fmu)
    response = client.get(f"/history/accounts.apitoken/{token.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "laptop stolen" in page
    assert fmu.username in page
    assert "revoked_at" in page
    assert page.index("Changed") < page.index("Created"), "newest first"


def test_the_history_of_a_deleted_record_remains_visible(client, fmu):
    token = ApiTokenFactory(name="short-lived")
    token_id = token.pk
    record_event(actor=fmu, action=AuditAction.DELETE, instance=token, before=snapshot(token))
    token.delete()
    client.force_login(fmu)
    response = client.get(f"/history/accounts.apitoken/{token_id}/")
    assert response.status_code == 200
    assert "has been deleted" in response.content.decode()


@pytest.mark.parametrize("url", ["/history/nothing.such/1/", "/history/accounts.apitoken/999999/"])
def test_history_of_an_unknown_kind_or_record_is_not_found(client, fmu, url):
    client.force_login(fmu)
    assert client.get(url).status_code == 404


def test_secrets_never_enter_the_audit_trail():
    token = recorded_api_token()
    user_event = history_of(token).get()
    assert "digest" not in user_event.changes
    owner_snapshot = snapshot(token.user)
    assert "password" not in owner_snapshot


def test_the_audit_api_filters_by_app_model_and_record(fmu):
    first, second = recorded_api_token(name="first"), recorded_api_token(name="second")
    api = APIClient()
    api.force_authenticate(fmu)
    response = api.get(
        "/api/v1/audit/events/", {"app": "accounts", "model": "ApiToken", "object_id": first.pk}
    )
    assert response.status_code == 200
    [event] = response.json()["results"]
    assert event["object_id"] == str(first.pk)
    assert event["action"] == "create"
    assert event["changes"]["name"] == [None, "first"]
    assert second.pk != first.pk


def test_the_audit_api_accepts_an_fmu_token_and_refuses_a_revoked_one(fmu):
    token = ApiTokenFactory(user=fmu)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/audit/events/").status_code == 200
    revoke_api_token(actor=fmu, token=token)
    response = api.get("/api/v1/audit/events/")
    assert response.status_code == 401
    assert response.json() == {
        "message": "Invalid or revoked token.",
        "code": "authentication_failed",
        "fields": {},
    }


def test_a_token_of_someone_without_the_fmu_role_is_refused_with_a_json_403():
    token = ApiTokenFactory(user=UserFactory())
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get("/api/v1/audit/events/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_templates_link_any_record_to_its_history(client, fmu):
    token = recorded_api_token()
    url = Template("{% load audit %}{% history_url token %}").render(Context({"token": token}))
    assert url == f"/history/accounts.apitoken/{token.pk}/"
    client.force_login(fmu)
    assert client.get(url).status_code == 200


def test_a_refusal_page_says_which_right_is_missing(client):
    client.force_login(UserFactory())
    response = client.get(f"/history/accounts.apitoken/{recorded_api_token().pk}/")
    assert response.status_code == 403
    assert "see the change history of records" in response.content.decode()


@pytest.mark.parametrize("name", ["app", "model", "object_id"])
def test_a_nul_character_in_an_audit_filter_is_a_bad_request_not_a_server_error(fmu, name):
    """Found by schemathesis on PostgreSQL, which refuses NUL bytes in text: it was a 500."""
    api = APIClient()
    api.force_authenticate(fmu)
    response = api.get("/api/v1/audit/events/", {name: "1\x00"})
    assert response.status_code == 400
    assert name in response.json()["fields"]
