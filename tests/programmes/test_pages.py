import csv
import io

import pytest

from poolfund.programmes.choices import ConceptNoteState as State
from tests.programmes.factories import note_in
from tests.programmes.test_api import REFUSED

pytestmark = pytest.mark.django_db


def test_the_portfolio_filters_with_shareable_urls(client):
    page = client.get("/programmes/?thematic_area=1")
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="programme-row"') == 1
    assert b"3,700,000.00" in page.content


@pytest.mark.parametrize(("name", "value", "reason"), REFUSED)
@pytest.mark.parametrize("path", ["/programmes/", "/programmes/export.csv"])
def test_the_portfolio_refuses_an_unknown_filter_value_naming_it(client, path, name, value, reason):
    response = client.get(path, {name: value})
    assert response.status_code == 400
    assert f"{name}: {reason}" in response.text


def test_the_reason_is_in_the_reader_s_language(client):
    response = client.get("/programmes/", {"country": "ZZZ"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "country: Ningún país tiene el código ISO alfa-3 «ZZZ»." in response.text


def test_htmx_filtering_returns_only_the_results(client):
    partial = client.get("/programmes/?region=029&country=&status=", headers={"HX-Request": "true"})
    assert partial["HX-Push-Url"] == "/programmes/?region=029"
    html = partial.content.decode()
    assert "<html" not in html
    assert html.count('data-testid="programme-row"') == 2  # Trinidad and Tobago; CARICOM
    assert 'href="/programmes/export.csv?region=029"' in html


def test_the_portfolio_exports_csv_with_the_filters(client):
    export = client.get("/programmes/export.csv?thematic_area=5")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert export["Content-Type"].startswith("text/csv")
    assert len(rows) == 5
    assert {row["thematic_area"] for row in rows} == {"5"}
    chile_mexico = next(row for row in rows if row["countries"] == "CHL MEX")
    assert chile_mexico["budget_usd"] == "1700000.00"


def test_a_programme_page_marks_what_the_source_does_not_state(client):
    page = client.get("/programmes/AMR-07/").content.decode()
    assert "Panama is an origin, destination, and transit country" in page
    assert "not stated in source" in page
    assert "(suggested)" in page


def test_the_board_shows_every_note_to_the_fmu_and_the_committee_and_theirs_to_others(client, cast):
    note = note_in(State.SUBMITTED, cast)
    assert client.get("/concept-notes/").status_code == 302
    client.force_login(cast.donor)
    assert client.get("/concept-notes/").status_code == 403
    client.force_login(cast.steering)
    board = client.get("/concept-notes/")
    assert note.reference in board.content.decode()
    export = client.get("/concept-notes/?format=csv").content.decode()
    assert note.reference in export
    client.force_login(cast.other_organisation)  # sees the board, not another's submitted note
    assert note.reference not in client.get("/concept-notes/").content.decode()
    client.force_login(cast.organisation)
    assert note.reference in client.get("/concept-notes/").content.decode()


def test_a_concept_note_page_offers_only_the_actions_the_person_may_take(client, cast):
    note = note_in(State.SUBMITTED, cast)
    client.force_login(cast.fmu)
    page = client.get(f"/concept-notes/{note.reference}/").content.decode()
    assert 'data-action="screen"' in page and 'data-action="return"' in page
    assert 'data-action="withdraw"' not in page
    client.force_login(cast.organisation)
    page = client.get(f"/concept-notes/{note.reference}/").content.decode()
    assert 'data-action="withdraw"' in page and 'data-action="screen"' not in page


def test_the_portfolio_page_takes_few_queries(client, django_assert_max_num_queries):
    # 14 of its own; the shared cache's data version and read (2), and its write (5: the cull's
    # count, a savepoint, the key's lookup, the insert, the release).
    with django_assert_max_num_queries(21):
        assert client.get("/programmes/").status_code == 200


def test_an_organisation_reports_expenditure_on_the_programme_page(client, cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    client.force_login(cast.organisation)
    url = f"/programmes/{programme.code}/"
    assert 'data-testid="expenditure-form"' in client.get(url).content.decode()
    iom = programme.budget_lines.get(organisation__acronym="IOM").organisation
    fields = {"organisation": iom.pk, "period_start": "2025-01-01", "period_end": "2025-12-31"}
    client.post(f"{url}expenditure/", {**fields, "amount_usd": "1000"})
    too_much = client.post(
        f"{url}expenditure/",
        {**fields, "period_end": "2026-06-30", "amount_usd": "600000"},
        follow=True,
    )
    assert "more than its budget" in too_much.content.decode()
    assert programme.expenditure_reports.get().amount_usd == 1000


def test_a_returned_note_is_revised_on_its_page(client, cast):
    from poolfund.programmes.forms import ConceptNoteForm

    note = note_in(State.RETURNED, cast)
    url = f"/concept-notes/{note.reference}/edit/"
    client.force_login(cast.other_organisation)
    assert client.get(url).status_code == 404  # not theirs, not published
    client.force_login(cast.organisation)
    form = ConceptNoteForm(initial=ConceptNoteForm.initial_from(note))
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value in (None, "", False):
            continue
        data[name] = field.prepare_value(value)
    data["title"] = "Protection along the northern route, revised"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    note.refresh_from_db()
    assert note.title.endswith("revised")
    assert note.budget_lines.count() == 2


def test_the_fmu_closes_a_programme_operationally_on_its_page(client, cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    url = f"/programmes/{programme.code}/"
    client.force_login(cast.steering)
    assert (
        'data-testid="programme-operational-closure-form"' not in client.get(url).content.decode()
    )
    closure = {"closed_on": "2026-12-31", "remarks": "Activities ended."}
    assert client.post(f"{url}operational-closure/", closure).status_code == 403
    client.force_login(cast.fmu)
    client.post(f"{url}operational-closure/", closure)
    programme.refresh_from_db()
    assert programme.status == "operationally-closed"


def test_the_portfolio_shows_a_page_of_programmes_with_the_filters_kept(client, monkeypatch):
    monkeypatch.setattr("poolfund.programmes.views.PORTFOLIO_PAGE_SIZE", 5)
    html = client.get("/programmes/?region=419").content.decode()
    assert html.count('data-testid="programme-row"') == 5
    assert "16 programmes" in html and 'class="usa-pagination"' in html
    assert 'href="?region=419&amp;page=1" class="usa-pagination__button usa-current"' in html
    assert 'aria-current="page">1</a>' in html
    assert 'href="?region=419&amp;page=2"' in html and 'href="?region=419&amp;page=4"' in html
    last = client.get("/programmes/?region=419&page=4").content.decode()
    assert last.count('data-testid="programme-row"') == 1
