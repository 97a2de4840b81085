import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_a_spanish_request_activates_spanish(client):
    client.get("/language/", {"language": "es", "next": "/"})
    client.get("/")
    assert translation.get_language() == "es"


def test_the_next_test_starts_in_english_again():
    assert translation.get_language() == "en"


def test_choosing_a_language_keeps_it_in_its_cookie_and_goes_back(client):
    response = client.get("/language/", {"language": "es", "next": "/programmes/?country=MEX"})
    assert response.status_code == 302
    assert response["Location"] == "/programmes/?country=MEX"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert 'lang="es"' in client.get("/programmes/").content.decode()


@pytest.mark.parametrize("next_url", ["https://elsewhere.example/", "//elsewhere.example/"])
def test_the_language_switch_never_sends_a_visitor_to_another_site(client, next_url):
    response = client.get("/language/", {"language": "es", "next": next_url})
    assert response["Location"] == "/"


def test_an_unknown_language_is_not_kept(client):
    response = client.get("/language/", {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_language_switch_changes_nothing_on_a_post(client):
    assert client.post("/language/", {"language": "es"}).status_code == 405
