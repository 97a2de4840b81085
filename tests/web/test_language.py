import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_a_spanish_request_activates_spanish(client):
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    client.get("/")
    assert translation.get_language() == "es"


def test_the_next_test_starts_in_english_again():
    assert translation.get_language() == "en"
