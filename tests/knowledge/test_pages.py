import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_model(monkeypatch):
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "off")


def test_search_page_answers_htmx_with_the_results_only(client):
    full = client.get("/knowledge/search/", {"q": "remittances"})
    assert full.status_code == 200
    assert "<form" in full.content.decode()
    partial = client.get("/knowledge/search/", {"q": "remittances"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<form" not in html
    assert html.count('data-testid="search-hit"') == 1
    assert "<mark>remittances</mark>" in html.lower()


def test_exchange_page_groups_practices_and_lessons_by_objective(client, contributor):
    from poolfund.knowledge import services

    services.share_practice(
        actor=contributor,
        title="Skills passports",
        problem="Qualifications of migrants go unrecognised.",
        what_was_done="A skills passport recognised by employers.",
        objectives=[18, 6],
        countries=["ECU"],
        contact_name="Ana",
    )
    services.share_lesson(
        actor=contributor,
        title="Recognition takes employers on board",
        problem="Certificates were ignored.",
        what_was_done="Certificates issued by the ministry.",
        lesson="Design the certificate with employers from the start.",
        objectives=[18],
    )
    html = client.get("/knowledge/exchange/").content.decode()
    assert html.count('data-testid="exchange-objective"') == 2
    assert html.count('data-testid="exchange-record"') == 3
    assert "Design the certificate with employers from the start." in html
    only_six = client.get("/knowledge/exchange/", {"objective": 6}).content.decode()
    assert only_six.count('data-testid="exchange-record"') == 1


def test_similar_work_panel_shows_the_warning_and_its_evidence(client, share_practice):
    text = "A hotline gives returnees from Mexico psychosocial care and job referrals."
    first = share_practice(title="Returnee hotline", what_was_done=text, countries=["HND"])
    share_practice(title="Hotline for returnees", what_was_done=text, countries=["GTM"])
    html = client.get(f"/knowledge/similar/practice/{first.pk}/").content.decode()
    assert 'data-testid="overlap-warning"' in html
    assert "Possible collaboration" in html
    assert "HND\N{EN DASH}GTM" in html
    assert client.get("/knowledge/similar/nothing/1/").status_code == 404
