import datetime
import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from poolfund.accounts.models import FailedLogin
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        "/account/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_signing_in_and_out(client):
    UserFactory(username="ana")
    response = sign_in(client, "ana", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").context["user"].username == "ana"
    assert client.post("/account/logout/").status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_the_navigation_offers_sign_in_to_visitors_and_sign_out_to_people(client):
    UserFactory(username="ana")
    assert 'href="/account/login/' in client.get("/").content.decode()
    sign_in(client, "ana", PASSWORD)
    page = client.get("/").content.decode()
    assert 'action="/account/logout/"' in page
    assert "/account/login/" not in page


@override_settings(LOGIN_FAILURE_LIMIT=5)
def test_guessing_passwords_is_stopped_after_five_failures_even_with_the_right_one(client):
    UserFactory(username="ana")
    for guess in range(5):
        response = sign_in(client, "ana", f"guess-{guess}")
        assert "Please enter a correct username and password" in response.content.decode()
    response = sign_in(client, "ana", PASSWORD)
    assert response.status_code == 200, "the right password is refused while blocked"
    assert "Too many failed sign-ins" in response.content.decode()
    assert not response.context["user"].is_authenticated


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_the_limit_is_per_address_and_a_success_clears_the_count(client):
    UserFactory(username="ana")
    for _ in range(2):
        sign_in(client, "ana", "wrong")
    assert sign_in(client, "ana", PASSWORD).status_code == 302
    assert FailedLogin.objects.count() == 0
    for _ in range(3):
        sign_in(Client(), "ana", "wrong")
    assert sign_in(Client(), "ana", PASSWORD, address="198.51.100.1").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=100, LOGIN_FAILURE_LIMIT_PER_ADDRESS=10)
def test_spraying_many_usernames_from_one_address_is_stopped(client):
    UserFactory(username="ana")
    for number in range(10):
        sign_in(client, f"someone-{number}", "password1")
    assert "Too many failed sign-ins" in sign_in(client, "ana", PASSWORD).content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=2)
def test_the_admin_sign_in_is_rate_limited_too(client):
    UserFactory(username="ana", is_staff=True)
    UserFactory(username="bea", is_staff=True)
    Client().post("/admin/login/", {"username": "bea", "password": PASSWORD})
    for _ in range(2):
        client.post("/admin/login/", {"username": "ana", "password": "wrong"})
    client.post("/admin/login/", {"username": "ana", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_WINDOW_MINUTES=15)
def test_failures_older_than_the_window_are_forgotten(client):
    UserFactory(username="ana")
    long_ago = timezone.now() - datetime.timedelta(minutes=16)
    for _ in range(10):
        FailedLogin.objects.create(username="ana", ip_address="203.0.113.7", attempted_at=long_ago)
    assert sign_in(client, "ana", PASSWORD).status_code == 302


def test_changing_one_s_password(client):
    user = UserFactory(username="ana")
    client.force_login(user)
    response = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a new and long passphrase",
            "new_password2": "a new and long passphrase",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/password/done/"
    user.refresh_from_db()
    assert user.check_password("a new and long passphrase")


def test_resetting_a_forgotten_password_by_e_mail(client):
    user = UserFactory(username="ana", email="ana@example.org")
    response = client.post("/account/password-reset/", {"email": "ana@example.org"})
    assert response["Location"] == "/account/password-reset/sent/"
    [message] = mail.outbox
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url,
        {
            "new_password1": "a new and long passphrase",
            "new_password2": "a new and long passphrase",
        },
    )
    assert response["Location"] == "/account/password-reset/done/"
    user.refresh_from_db()
    assert user.check_password("a new and long passphrase")


def test_a_used_reset_link_says_it_has_expired(client):
    response = client.get("/account/password-reset/MQ/set-password/")
    assert "has expired" in response.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=2, LOGIN_CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_reports(client):
    UserFactory(username="ana")
    for _ in range(2):
        client.post(
            "/account/login/",
            {"username": "ana", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.9",
        )
    assert FailedLogin.objects.filter(ip_address="203.0.113.9").count() == 2
    response = client.post(
        "/account/login/",
        {"username": "ana", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.3",
    )
    assert response.status_code == 302
