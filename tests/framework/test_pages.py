import pytest

pytestmark = pytest.mark.django_db


def test_objective_page_shows_official_title_and_area(client):
    response = client.get("/framework/objectives/12/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Strengthen certainty and predictability in migration procedures" in html
    assert "Thematic area" in html


def test_cross_cutting_objective_page_says_so(client):
    html = client.get("/framework/objectives/23/").content.decode()
    assert "Cross-cutting: in no thematic area" in html


def test_unknown_objective_is_404(client):
    assert client.get("/framework/objectives/24/").status_code == 404


def test_home_in_spanish_after_choosing_the_language(client):
    client.get("/language/", {"language": "es", "next": "/"})
    html = client.get("/framework/objectives/1/").content.decode()
    assert 'lang="es"' in html
    assert "Recopilar y utilizar datos exactos" in html
