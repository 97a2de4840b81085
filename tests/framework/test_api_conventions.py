import pytest

pytestmark = pytest.mark.django_db


def test_objectives_filter_by_thematic_area_and_order(client):
    body = client.get(
        "/api/v1/framework/objectives/", {"thematic_area": 2, "ordering": "-number"}
    ).json()
    assert [item["number"] for item in body["results"]] == [13, 12, 8, 7, 2]


def test_objectives_search_with_q(client):
    body = client.get("/api/v1/framework/objectives/", {"q": "smuggling"}).json()
    assert [item["number"] for item in body["results"]] == [9]


def test_thematic_areas_answer_as_csv_with_objectives_in_one_cell(client):
    lines = client.get("/api/v1/framework/thematic-areas/", {"format": "csv"}).content
    rows = lines.decode().splitlines()
    assert rows[0] == "number,description,objectives"
    assert rows[2].endswith(",2; 7; 8; 12; 13")
