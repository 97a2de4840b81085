import pytest

pytestmark = pytest.mark.django_db


def test_a_list_built_as_python_rows_ignores_ordering_instead_of_failing(client):
    assert client.get("/api/v1/donors/", {"ordering": "name", "q": "x"}).status_code == 200


def test_every_public_list_answers_as_csv(client):
    for url in [
        "/api/v1/framework/objectives/",
        "/api/v1/framework/thematic-areas/",
        "/api/v1/external-activities/",
        "/api/v1/donors/",
    ]:
        response = client.get(url, {"format": "csv"})
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/csv"), url
