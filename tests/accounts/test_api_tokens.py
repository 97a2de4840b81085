import pytest
from rest_framework.test import APIClient

from poolfund.accounts.models import ApiToken
from tests.accounts.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_created_on_the_page_is_shown_once_and_works_for_scripts(client):
    ana = UserFactory(username="ana")
    client.force_login(ana)
    response = client.post("/account/tokens/", {"name": "nightly export"})
    key = response.context["new_key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=ana)
    assert token.digest != key and token.digest == ApiToken.digest_for(key)
    assert key not in client.get("/account/tokens/").content.decode()

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.get("/api/v1/accounts/tokens/")
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["nightly export"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_script_can_revoke_its_own_leaked_token_which_then_stops_working():
    token = ApiTokenFactory()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.delete(f"/api/v1/accounts/tokens/{token.pk}/").status_code == 204
    assert api.get("/api/v1/accounts/tokens/").status_code == 401


def test_revoking_twice_is_a_conflict():
    token = ApiTokenFactory()
    api = APIClient()
    api.force_authenticate(token.user)
    api.delete(f"/api/v1/accounts/tokens/{token.pk}/")
    response = api.delete(f"/api/v1/accounts/tokens/{token.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_a_deactivated_person_s_token_is_refused():
    token = ApiTokenFactory(user=UserFactory(is_active=False))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/framework/objectives/").status_code == 401


def test_the_public_read_api_needs_no_token():
    assert APIClient().get("/api/v1/framework/objectives/").status_code == 200


def test_a_token_needs_a_purpose(client):
    client.force_login(UserFactory())
    response = client.post("/account/tokens/", {"name": "  "})
    assert response.context["new_key"] is None
    assert not ApiToken.objects.exists()
