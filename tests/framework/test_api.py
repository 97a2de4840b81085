import pytest

pytestmark = pytest.mark.django_db


def test_objectives_endpoint_lists_23_objectives_with_their_area(client):
    response = client.get("/api/v1/framework/objectives/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 23
    first, last = body["results"][0], body["results"][-1]
    assert set(first) == {"number", "short_label", "title", "thematic_area"}
    assert (first["number"], first["short_label"], first["thematic_area"]) == (1, "Data", 1)
    assert (last["number"], last["thematic_area"]) == (23, None)


def test_thematic_areas_endpoint_lists_5_areas_with_objective_numbers(client):
    body = client.get("/api/v1/framework/thematic-areas/").json()
    assert body["count"] == 5
    assert body["results"][1] == {
        "number": 2,
        "description": (
            "Protecting the human rights, safety and wellbeing of migrants, including through "
            "addressing drivers and mitigating situations of vulnerability in migration"
        ),
        "objectives": [2, 7, 8, 12, 13],
    }


def test_framework_api_refuses_writes(client):
    assert client.post("/api/v1/framework/objectives/", {}).status_code in {401, 403, 405}


def test_openapi_schema_documents_the_framework_endpoints(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/framework/objectives/" in paths
    assert "/api/v1/framework/thematic-areas/" in paths


def test_api_docs_page_is_served_without_external_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"cdn" not in response.content.lower()
