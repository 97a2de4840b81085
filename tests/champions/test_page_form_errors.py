"""A champion page form that is refused shows the page again (200) with the posted form in its
place: the error summary at the top, linking to the field, and the message at the field, each
with the code the API answers for the same problem; never a flash message after a redirect."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from poolfund.champions.choices import RoadmapStatus
from poolfund.champions.models import ChampionMembership, Roadmap, RoadmapComment
from tests.champions.factories import fmu, focal_point, survey_with_topics

pytestmark = pytest.mark.django_db


def refused_page(response) -> str:
    assert response.status_code == 200, "a refused form is shown again, not redirected"
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    return page


def message_at_the_field(page: str, field_id: str) -> str:
    """The text of the error message shown at the field whose id is `field_id`."""
    summary = page[page.index('data-testid="error-summary"') :]
    assert f'href="#{field_id}' in summary, "the summary links to the field"
    found = re.search(rf'<span class="usa-error-message" id="{field_id}_error">(.*?)</span>', page)
    assert found, f"no message at {field_id}"
    return found.group(1)


@pytest.fixture
def open_survey():
    today = timezone.localdate()
    return survey_with_topics(
        "Labour migration", "Climate mobility", opens_on=today, closes_on=today + timedelta(days=30)
    )


@pytest.mark.parametrize("path", ["/champions/memberships/new/", "/champions/co-chairs/new/"])
def test_a_country_term_with_a_garbled_date_is_shown_at_the_date(client, path):
    client.force_login(fmu())
    page = refused_page(client.post(path, {"country": "MEX", "starts_on": "soon"}))
    assert "Enter a valid date" in message_at_the_field(page, "id_starts_on")
    assert 'value="soon"' in page, "what the person typed is kept"
    assert 'data-error-code="invalid"' in page


def test_a_membership_that_overlaps_is_refused_in_the_summary(client):
    client.force_login(fmu())
    term = {"country": "GTM", "starts_on": "2025-01-01"}
    assert client.post("/champions/memberships/new/", term).status_code == 302
    page = refused_page(client.post("/champions/memberships/new/", term))
    assert "already a champion country during those dates" in page
    assert 'data-error-code="domain_error"' in page
    assert ChampionMembership.objects.filter(country__iso3="GTM").count() == 1


def test_a_third_co_chair_is_refused_on_the_overview_with_the_api_s_code(client):
    client.force_login(fmu())
    term = {"country": "MEX", "starts_on": "2024-10-01"}
    client.post("/champions/co-chairs/new/", term)
    client.post("/champions/co-chairs/new/", {**term, "country": "CAN"})
    page = refused_page(client.post("/champions/co-chairs/new/", {**term, "country": "PAN"}))
    assert "at most 2 co-chairs" in page
    assert 'data-error-code="co_chair_rotation"' in page


def test_an_unanswered_ranking_is_shown_at_the_question(client, open_survey):
    client.force_login(focal_point("HND"))
    ranking, free_text = open_survey.questions.all()
    response = client.post(
        f"/champions/surveys/{open_survey.pk}/answer/",
        {"country": "HND", f"question-{free_text.pk}": "Remittances too"},
    )
    page = refused_page(response)
    field_id = f"id_HND_question-{ranking.pk}"
    assert "This question needs an answer." in message_at_the_field(page, field_id)
    assert 'data-error-code="survey"' in page, "the API's code for the same refusal"
    assert "Remittances too" in page, "what the person typed is kept"
    assert 'data-testid="answer-form"' in page
    assert not open_survey.responses.exists()


def test_two_topics_with_the_same_rank_are_shown_at_the_question(client, open_survey):
    client.force_login(focal_point("HND"))
    ranking, _free_text = open_survey.questions.all()
    labour, climate = open_survey.topics.all()
    response = client.post(
        f"/champions/surveys/{open_survey.pk}/answer/",
        {
            "country": "HND",
            f"question-{ranking.pk}-topic-{labour.pk}": "1",
            f"question-{ranking.pk}-topic-{climate.pk}": "1",
        },
    )
    page = refused_page(response)
    message = message_at_the_field(page, f"id_HND_question-{ranking.pk}")
    assert "Give each topic a different rank." in message
    assert not open_survey.responses.exists()


def test_answers_to_a_closed_survey_are_refused_on_its_page(client):
    yesterday = timezone.localdate() - timedelta(days=1)
    survey = survey_with_topics("Return", opens_on=yesterday, closes_on=yesterday)
    ranking, _free_text = survey.questions.all()
    topic = survey.topics.get()
    client.force_login(focal_point("HND"))
    response = client.post(
        f"/champions/surveys/{survey.pk}/answer/",
        {"country": "HND", f"question-{ranking.pk}-topic-{topic.pk}": "1"},
    )
    page = refused_page(response)
    assert "This survey closed on" in page
    assert not survey.responses.exists()


@pytest.fixture
def roadmap_of_mexico():
    mexico = focal_point("MEX")
    roadmap = Roadmap.objects.create(title="Return", scope="Reintegration", objectives=["x"])
    roadmap.co_authors.add(mexico)
    return roadmap, mexico


def test_an_unknown_co_author_is_shown_at_the_user_name(client, roadmap_of_mexico):
    roadmap, mexico = roadmap_of_mexico
    client.force_login(mexico)
    response = client.post(f"/champions/roadmaps/{roadmap.pk}/co-authors/", {"username": "nobody"})
    page = refused_page(response)
    assert "No user has that name." in message_at_the_field(page, "id_username")
    assert 'value="nobody"' in page
    assert list(roadmap.co_authors.all()) == [mexico]


def test_an_empty_comment_is_shown_at_the_comment(client, roadmap_of_mexico):
    roadmap, mexico = roadmap_of_mexico
    client.force_login(mexico)
    page = refused_page(client.post(f"/champions/roadmaps/{roadmap.pk}/comment/", {"text": ""}))
    assert "This field is required." in message_at_the_field(page, "id_text")
    assert not RoadmapComment.objects.exists()


def test_moving_on_a_funded_roadmap_is_refused_on_its_page(client, roadmap_of_mexico):
    roadmap, mexico = roadmap_of_mexico
    Roadmap.objects.filter(pk=roadmap.pk).update(status=RoadmapStatus.FUNDED)
    client.force_login(mexico)
    page = refused_page(client.post(f"/champions/roadmaps/{roadmap.pk}/advance/"))
    assert "it has no further status" in page
    assert 'data-error-code="roadmap"' in page
