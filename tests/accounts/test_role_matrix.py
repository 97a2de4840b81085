"""Who may manage API tokens, in pages and the API."""

from poolfund.accounts.choices import Role
from tests.accounts.factories import ApiTokenFactory, UserFactory
from tests.matrix import SIGNED_IN, Endpoint, role_matrix


def own_token(user) -> dict:
    return {"token": ApiTokenFactory(user=user or UserFactory(username="token-owner"))}


def someone_elses_token(user) -> dict:
    return {"token": ApiTokenFactory(user=UserFactory(username="token-owner"))}


test_api_token_role_matrix = role_matrix(
    Endpoint("see the API tokens page", "GET", "/account/tokens/", allowed=SIGNED_IN),
    Endpoint(
        "create an API token",
        "POST",
        "/account/tokens/",
        allowed=SIGNED_IN,
        payload={"name": "nightly export"},
    ),
    Endpoint(
        "revoke one's own token on the page",
        "POST",
        lambda context: f"/account/tokens/{context['token'].pk}/revoke/",
        allowed=SIGNED_IN,
        setup=own_token,
        success=(302,),
    ),
    Endpoint(
        "revoke someone else's token on the page",
        "POST",
        lambda context: f"/account/tokens/{context['token'].pk}/revoke/",
        allowed={Role.FMU},
        setup=someone_elses_token,
        success=(302,),
        refusal=404,
    ),
    Endpoint("list one's tokens", "GET", "/api/v1/accounts/tokens/", allowed=SIGNED_IN, api=True),
    Endpoint(
        "revoke one's own token in the API",
        "DELETE",
        lambda context: f"/api/v1/accounts/tokens/{context['token'].pk}/",
        allowed=SIGNED_IN,
        api=True,
        setup=own_token,
        success=(204,),
    ),
    Endpoint(
        "revoke someone else's token in the API",
        "DELETE",
        lambda context: f"/api/v1/accounts/tokens/{context['token'].pk}/",
        allowed={Role.FMU},
        api=True,
        setup=someone_elses_token,
        success=(204,),
        refusal=404,
    ),
    Endpoint("see the change-password page", "GET", "/account/password/", allowed=SIGNED_IN),
    Endpoint("see the password-changed page", "GET", "/account/password/done/", allowed=SIGNED_IN),
)
