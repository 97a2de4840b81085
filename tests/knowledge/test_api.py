import pytest

from poolfund.accounts.choices import Role
from poolfund.audit.models import AuditEvent
from poolfund.knowledge.models import ObjectiveSuggestionFeedback
from tests.matrix import Endpoint, role_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_practices(share_practice, monkeypatch):
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "off")
    text = "Mobile consulates visit farms to give migrant workers passports and legal advice."
    return (
        share_practice(title="Mobile consulates", what_was_done=text, countries=["GTM"]),
        share_practice(title="Consulates on wheels", what_was_done=text, countries=["GTM"]),
    )


def test_search_endpoint_returns_ranked_highlighted_results_with_filters(client, two_practices):
    body = client.get("/api/v1/search/", {"q": "passports", "country": "GTM"}).json()
    assert body["count"] == 2
    result = body["results"][0]
    assert set(result) == {
        "kind",
        "key",
        "title",
        "url",
        "countries",
        "objectives",
        "year",
        "rank",
        "snippet",
    }
    assert result["countries"] == ["GTM"]
    assert "<mark>passports</mark>" in result["snippet"]
    assert client.get("/api/v1/search/", {"q": "passports", "country": "MEX"}).json()["count"] == 0


def test_search_endpoint_rejects_a_malformed_filter(client):
    assert client.get("/api/v1/search/", {"objective": "seven"}).status_code == 400


def test_similar_endpoint_gives_kind_key_title_countries_score_and_evidence(client, two_practices):
    first, second = two_practices
    body = client.get(f"/api/v1/practices/{first.pk}/similar/").json()
    assert (body["kind"], body["key"], body["method"]) == ("practice", str(first.pk), "tfidf")
    match = body["results"][0]
    assert (match["kind"], match["key"], match["countries"]) == (
        "practice",
        str(second.pk),
        ["GTM"],
    )
    assert match["warning"] == "possible-duplication"
    assert match["score"] > 0.7
    assert "migrant workers passports and legal advice" in " ".join(
        match["evidence"]["shared_phrases"]
    )


def test_every_registered_kind_has_a_similar_endpoint(client, monkeypatch):
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "off")
    assert client.get("/api/v1/objectives/20/similar/").status_code == 200
    assert client.get("/api/v1/practices/999999/similar/").status_code == 404
    assert client.get("/api/v1/lessons/999999/similar/").status_code == 404


def test_objective_suggestions_need_no_login(client, monkeypatch):
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "off")
    response = client.post(
        "/api/v1/knowledge/objective-suggestions/",
        {"text": "Search and rescue of migrants in distress at sea", "limit": 2},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body["objectives"]) == 2
    assert body["objectives"][0]["number"] == 8


def test_suggestion_feedback_is_kept_with_who_gave_it(client, contributor):
    client.force_login(contributor)
    response = client.post(
        "/api/v1/knowledge/objective-suggestions/feedback/",
        {"text": "Cheaper remittances", "objective": 20, "accepted": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    feedback = ObjectiveSuggestionFeedback.objects.get()
    assert (feedback.given_by, feedback.verdict, feedback.objective.number) == (
        contributor,
        "accepted",
        20,
    )
    assert AuditEvent.objects.filter(object_id=str(feedback.pk)).exists()


test_knowledge_role_matrix = role_matrix(
    Endpoint(
        "judge a suggested objective",
        "POST",
        "/api/v1/knowledge/objective-suggestions/feedback/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT, Role.ORGANISATION_FOCAL_POINT},
        api=True,
        payload={"text": "Cheaper remittances", "objective": 20, "accepted": False},
        success=(201,),
    ),
)


def test_suggestion_feedback_for_an_unknown_objective_says_why(client, contributor):
    client.force_login(contributor)
    response = client.post(
        "/api/v1/knowledge/objective-suggestions/feedback/",
        {"text": "Anything", "objective": 24, "accepted": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["message"] == "The GCM has no objective 24."


def test_openapi_schema_documents_the_knowledge_endpoints(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()[
        "paths"
    ]
    assert "/api/v1/search/" in paths
    assert "/api/v1/practices/{key}/similar/" in paths
    assert "/api/v1/objectives/{key}/similar/" in paths
