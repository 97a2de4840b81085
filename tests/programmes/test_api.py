import pytest
from rest_framework.test import APIClient

from poolfund.programmes.choices import ConceptNoteState as State
from tests.programmes.factories import note_in, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("", 16),
        ("region=Latin America and the Caribbean", 16),
        ("region=419", 16),
        # Central America: Costa Rica, El Salvador, Panama, Honduras, Guatemala-Mexico,
        # Chile-Mexico, and CARICOM through Belize
        ("region=013", 7),
        ("region=Europe", 0),
        ("country=mex", 2),
        ("thematic_area=2", 5),
        ("objective=10", 4),
        ("status=active", 16),
        ("status=financially-closed", 0),
        ("region=029&thematic_area=4", 1),
    ],
)
def test_programmes_filter_by_region_country_area_objective_and_status(api, query, count):
    assert len(codes(api.get(f"/api/v1/programmes/?{query}"))) == count


REFUSED = [
    ("region", "nowhere", "No UN M49 region is called or numbered “nowhere”."),
    ("country", "ZZZ", "No country has the ISO alpha-3 code “ZZZ”."),
    ("thematic_area", "nope", "No thematic area is numbered “nope”."),
    ("thematic_area", "9", "No thematic area is numbered “9”."),
    ("objective", "24", "No objective is numbered “24”."),
    ("status", "bogus", "Select a valid choice. bogus is not one of the available choices."),
]


@pytest.mark.parametrize(("name", "value", "reason"), REFUSED)
def test_the_api_refuses_an_unknown_filter_value_naming_it(api, name, value, reason):
    response = api.get("/api/v1/programmes/", {name: value})
    assert response.status_code == 400
    assert response.json()["fields"] == {name: reason}


@pytest.mark.parametrize(("name", "value"), [("limit", "lots"), ("limit", "0"), ("offset", "-1")])
def test_the_api_refuses_a_page_size_or_offset_that_is_not_a_whole_number(api, name, value):
    response = api.get("/api/v1/programmes/", {name: value})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [name]


def test_a_programme_item_has_the_promised_fields(api):
    item = api.get("/api/v1/programmes/?country=CRI").json()["results"][0]
    assert item["countries"] == ["CRI"]
    assert item["thematic_area"] == 3
    assert item["budget_usd"] == "2300000.00"
    assert item["status"] == "active"
    assert set(item["objectives"]) >= {9, 10}
    assert item["suggested_objectives"] == item["objectives"]
    assert {"code", "title"} <= set(item)


def test_the_public_sees_only_published_concept_notes(api, cast):
    draft = note_in(State.DRAFT, cast)
    pipeline = note_in(State.IN_PIPELINE, cast)
    references = [item["reference"] for item in api.get("/api/v1/concept-notes/").json()["results"]]
    assert pipeline.reference in references
    assert draft.reference not in references
    # asked for a token, whether or not the note exists, so a draft's existence stays private
    assert api.get(f"/api/v1/concept-notes/{draft.reference}/").status_code == 401
    assert api.get("/api/v1/concept-notes/CN-1999-9999/").status_code == 401


def test_proponents_and_the_fmu_see_drafts_others_do_not(api, cast):
    draft = note_in(State.DRAFT, cast)
    for who, sees in [("organisation", True), ("fmu", True), ("other_organisation", False)]:
        api.force_authenticate(getattr(cast, who))
        found = api.get(f"/api/v1/concept-notes/{draft.reference}/").status_code
        assert (found == 200) is sees, who


def draft_payload() -> dict:
    return {
        "title": "Safe routes",
        "summary": "Protection.",
        "countries": ["MEX"],
        "thematic_area": 2,
        "objectives": [7],
        "requested_budget_usd": "300000",
        f"share_{organisation('IOM').pk}": "200000",
        f"share_{organisation('UNICEF').pk}": "100000",
        "duration_months": 18,
        "gender_marker": 2,
        "human_rights_marker": 2,
        "child_sensitivity_marker": 1,
    }


def test_drafting_through_the_api_obeys_roles_and_rules(api, cast):
    assert api.post("/api/v1/concept-notes/", draft_payload()).status_code in (401, 403)
    api.force_authenticate(cast.steering)
    assert api.post("/api/v1/concept-notes/", draft_payload()).status_code == 403
    api.force_authenticate(cast.organisation)
    broken = {**draft_payload(), "objectives": [5]}
    refused = api.post("/api/v1/concept-notes/", broken)
    assert refused.status_code == 400
    assert "thematic area 2" in refused.json()["message"]
    created = api.post("/api/v1/concept-notes/", draft_payload())
    assert created.status_code == 201, created.content
    assert created.json()["state"] == "draft"


def test_transitions_through_the_api_obey_states_and_roles(api, cast):
    note = note_in(State.DRAFT, cast)
    url = f"/api/v1/concept-notes/{note.reference}"
    api.force_authenticate(cast.fmu)
    assert api.post(f"{url}/submit/", {}).status_code == 403
    api.force_authenticate(cast.organisation)
    assert api.post(f"{url}/submit/", {}).json()["state"] == "submitted"
    refused = api.post(f"{url}/withdraw/", {})
    assert refused.status_code == 400  # a withdrawal says why
    api.force_authenticate(cast.fmu)
    screened = api.post(f"{url}/screen/", {"eligible": "no", "reasons": "No government letter."})
    assert screened.json()["state"] == "not-eligible"
    illegal = api.post(f"{url}/return/", {"reason": "try again"})
    assert illegal.status_code == 409
    assert illegal.json()["code"] == "illegal_transition"


def test_listing_programmes_takes_the_same_queries_however_many_there_are(
    api, django_assert_max_num_queries
):
    api.cookies["visited"] = "yes"  # a visitor with a cookie is not served from the cache
    with django_assert_max_num_queries(8):
        assert len(codes(api.get("/api/v1/programmes/?region=419"))) == 16


@pytest.mark.parametrize("body", [[], [{"title": "Safe routes"}], "text", 3])
def test_a_body_that_is_not_a_json_object_is_refused_not_a_server_error(api, cast, body):
    api.force_authenticate(cast.organisation)
    note = note_in(State.DRAFT, cast)
    for url in ["/api/v1/concept-notes/", f"/api/v1/concept-notes/{note.reference}/submit/"]:
        refused = api.post(url, body, format="json")
        assert refused.status_code == 400, (url, refused.content)
        assert "JSON object" in refused.json()["message"]


def test_a_refusal_through_the_api_reads_in_the_language_asked_for(api, cast):
    api.force_authenticate(cast.organisation)
    broken = {**draft_payload(), "objectives": [5]}
    refused = api.post("/api/v1/concept-notes/", broken, HTTP_ACCEPT_LANGUAGE="es")
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_concept_note"
    assert refused.json()["fields"]["objectives"].startswith(
        "Al menos un objetivo debe pertenecer al área temática 2;"
    )
    in_english = api.post("/api/v1/concept-notes/", broken)
    assert in_english.json()["fields"]["objectives"].startswith(
        "At least one objective must belong to thematic area 2;"
    )


def test_a_spanish_refusal_keeps_the_values_it_names(api, cast):
    note = note_in(State.NOT_ELIGIBLE, cast)
    api.force_authenticate(cast.fmu)
    illegal = api.post(
        f"/api/v1/concept-notes/{note.reference}/return/",
        {"reason": "try again"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert illegal.status_code == 409
    message = illegal.json()["message"]
    assert message.startswith(f"La nota conceptual {note.reference} está en estado «")
    assert "no puede pasar a «" in message
