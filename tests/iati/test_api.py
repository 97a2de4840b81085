import pytest

from poolfund.iati.models import ExternalActivity
from poolfund.iati.services import import_iati_file

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/external-activities/"


@pytest.fixture
def imported(fixture_file):
    for name in ["valid.xml", "legacy_constructs_in_203.xml", "location_without_codes.xml"]:
        import_iati_file(path=fixture_file(name))


def identifiers(response):
    return [item["iati_identifier"] for item in response.json()["results"]]


def test_list_gives_count_and_the_documented_fields(client, imported):
    body = client.get(LIST_URL).json()
    assert body["count"] == 4
    item = next(i for i in body["results"] if i["iati_identifier"] == "XM-DAC-41301-MIG-001")
    assert item["reporting_org"] == "XM-DAC-41301"
    assert item["title"] == "Safe labour migration corridors in Central America"
    assert item["recipient_countries"] == ["GT", "HN"]
    assert item["sectors"] == ["15190"]
    assert item["problems"] == 0
    legacy = next(i for i in body["results"] if i["iati_identifier"] == "XM-EXAMPLE-LEGACY-1")
    assert (
        legacy["problems"]
        == ExternalActivity.objects.get(iati_identifier="XM-EXAMPLE-LEGACY-1").problems.count()
    )
    assert legacy["problems"] >= 3


def test_list_is_paginated_with_the_total_count(client, imported):
    body = client.get(LIST_URL, {"limit": 1, "offset": 1}).json()
    assert body["count"] == 4
    assert len(body["results"]) == 1
    assert "offset=2" in body["next"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"reporting_org": "xm-example"}, ["XM-EXAMPLE-LEGACY-1", "XM-EXAMPLE-LOCATION-1"]),
        ({"country": "GT"}, ["XM-DAC-41301-MIG-001"]),
        ({"country": "jam"}, ["XM-DAC-41301-MIG-002"]),
        ({"sector": "16062"}, ["XM-DAC-41301-MIG-002"]),
        ({"q": "labour migration"}, ["XM-DAC-41301-MIG-001"]),
        ({"q": "quito"}, []),
        ({"sector": "15190", "ordering": "-iati_identifier"}, [
            "XM-EXAMPLE-LOCATION-1", "XM-EXAMPLE-LEGACY-1", "XM-DAC-41301-MIG-001",
        ]),
    ],
)  # fmt: skip
def test_list_filters_and_orders(client, imported, params, expected):
    assert identifiers(client.get(LIST_URL, params)) == expected


def test_detail_gives_every_part_and_the_problems(client, imported):
    activity = ExternalActivity.objects.get(iati_identifier="XM-EXAMPLE-LOCATION-1")
    body = client.get(f"{LIST_URL}{activity.pk}/").json()
    assert body["recipient_countries"] == [{"code": "EC", "percentage": "100.000"}]
    assert {problem["line"] for problem in body["problem_list"]} == {13, 15, 16}
    assert body["problems"] == 3


def test_list_answers_as_csv_by_format_or_accept_header(client, imported):
    for response in [
        client.get(LIST_URL, {"format": "csv"}),
        client.get(LIST_URL, HTTP_ACCEPT="text/csv"),
    ]:
        assert response["Content-Type"].startswith("text/csv")
        lines = response.content.decode().splitlines()
        assert lines[0].startswith("id,iati_identifier,reporting_org,")
        assert len(lines) == 5
        assert any(",GT; HN," in line for line in lines)


def test_csv_cells_cannot_run_as_formulas(client, imported):
    ExternalActivity.objects.filter(iati_identifier="XM-DAC-41301-MIG-002").update(
        title='=HYPERLINK("http://evil.example","click")'
    )
    csv_text = client.get(LIST_URL, {"format": "csv"}).content.decode()
    assert "'=HYPERLINK" in csv_text
    assert ',"=HYPERLINK' not in csv_text


def test_openapi_documents_filters_ordering_pagination_and_csv(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in [LIST_URL, "/api/v1/framework/objectives/"]:
        operation = schema["paths"][path]["get"]
        names = {parameter["name"] for parameter in operation["parameters"]}
        assert {"limit", "offset", "ordering", "q"} <= names, path
        assert "text/csv" in operation["responses"]["200"]["content"], path
    names = {p["name"] for p in schema["paths"][LIST_URL]["get"]["parameters"]}
    assert {"reporting_org", "country", "sector"} <= names


@pytest.mark.parametrize("path", ["/iati/activities/", "/api/v1/external-activities/"])
def test_a_filter_value_with_a_null_character_is_refused_on_the_page_and_the_api(client, path):
    response = client.get(path, {"q": "a\x00b"})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.text


def test_external_activity_page_lists_and_filters(client, imported):
    html = client.get("/iati/activities/", {"country": "EC"}).content.decode()
    assert html.count('data-testid="external-activity"') == 1
    assert "XM-EXAMPLE-LOCATION-1" in html
    activity = ExternalActivity.objects.get(iati_identifier="XM-EXAMPLE-LOCATION-1")
    detail = client.get(f"/iati/activities/{activity.pk}/").content.decode()
    assert detail.count('data-testid="problem"') == 3
