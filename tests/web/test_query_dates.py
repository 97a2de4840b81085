"""A day in the query string that is not a day is refused with its reason, on the pages and the
API alike; it is never read as today."""

import pytest

pytestmark = pytest.mark.django_db

NOT_A_DAY = "2026-02-30"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/champions/", "date"),
        ("/dashboards/", "as_of"),
        ("/reports/brief/419/", "as_of"),
    ],
)
def test_a_page_refuses_a_day_that_is_not_one(client, path, name):
    response = client.get(path, {name: NOT_A_DAY, "format": "html"})
    assert response.status_code == 400
    assert f"“{NOT_A_DAY}” is not a date of the form YYYY-MM-DD ({name})." in response.text
    assert client.get(path, {"format": "html"}).status_code == 200  # no day: as of today


def test_the_api_refuses_it_in_the_api_s_error_shape(client):
    response = client.get("/api/v1/champions/countries/", {"date": NOT_A_DAY})
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "date": f"“{NOT_A_DAY}” is not a date of the form YYYY-MM-DD (date)."
    }


def test_the_reason_is_in_the_reader_s_language(client):
    response = client.get("/champions/", {"date": NOT_A_DAY}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert f"«{NOT_A_DAY}» no es una fecha con la forma AAAA-MM-DD (date)." in response.text
