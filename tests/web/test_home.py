import pytest

pytestmark = pytest.mark.django_db


def test_home_shows_the_five_thematic_areas_with_their_objectives(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="thematic-area"') == 5
    assert "Promoting fact-based and data-driven migration discourse" in html
    assert "Cross-cutting" in html
    assert 'href="/framework/objectives/23/"' in html


def test_footer_gives_the_data_date(client):
    assert "Data as of" in client.get("/").content.decode()
