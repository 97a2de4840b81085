"""The donors list filters one way, on the page and the API: `DonorFilterSet`."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def page_order(client, query: str) -> list[str]:
    html = client.get(f"/donors/?{query}").content.decode()
    table = html[html.index('<table class="usa-table usa-table--compact sortable"') :]
    cells = table.split('<td><a href="/donors/')[1:]
    return [cell.split('/">')[1].split("</a>")[0] for cell in cells]


def api_order(query: str) -> list[str]:
    response = APIClient().get(f"/api/v1/donors/?{query}")
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize("query", ["", "sort=-deposited", "sort=name", "sort=-name", "sort=type"])
def test_the_page_and_the_api_sort_donors_alike(client, query):
    assert page_order(client, query) == api_order(query)


def test_the_api_lists_the_largest_donor_first_unless_asked_otherwise():
    assert api_order("")[0] == "Germany"
    by_name = api_order("sort=name")
    assert by_name[:2] == ["Azerbaijan", "Bangladesh"]
    assert api_order("sort=-name") == by_name[::-1]


REFUSED_SORT = "Select a valid choice. bogus is not one of the available choices."


def test_the_page_refuses_an_unknown_sort_naming_it(client):
    response = client.get("/donors/", {"sort": "bogus"})
    assert response.status_code == 400
    assert f"sort: {REFUSED_SORT}" in response.text


def test_the_api_refuses_an_unknown_sort_naming_it():
    response = APIClient().get("/api/v1/donors/", {"sort": "bogus"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"sort": REFUSED_SORT}


def test_the_api_refuses_a_page_size_that_is_not_a_whole_number():
    response = APIClient().get("/api/v1/donors/", {"limit": "all"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"limit": "“all” is not a whole number of at least 1."}


def test_the_capitalization_page_refuses_months_that_are_not_a_whole_number(client):
    response = client.get("/fund/", {"months": "a year"})
    assert response.status_code == 400
    assert "months: “a year” is not a whole number of at least 1." in response.text


@pytest.mark.parametrize("path", ["/fund/", "/fund/sources-and-uses/"])
def test_the_fund_pages_read_a_day_as_every_page_does(client, path):
    response = client.get(path, {"as_of": "2024-02-30"})
    assert response.status_code == 400
    assert "“2024-02-30” is not a date of the form YYYY-MM-DD (as_of)." in response.text
