from datetime import timedelta

import pytest
from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.champions.models import GoodPractice, Roadmap
from tests.accounts.factories import user_with_role
from tests.champions.factories import fmu, focal_point, survey_with_topics

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_survey():
    today = timezone.localdate()
    return survey_with_topics(
        "Labour migration", "Climate mobility", opens_on=today, closes_on=today + timedelta(days=30)
    )


def test_the_overview_lists_the_champion_countries_and_co_chairs_on_a_date(client):
    page = client.get("/champions/?date=2024-09-25").content.decode()
    assert page.count('data-testid="champion-country"') == 9
    assert page.count('data-testid="co-chair"') == 2
    assert "Morocco" in page


def test_the_forum_page_shows_the_key_messages_in_order(client):
    page = client.get("/champions/forums/ii-forum-americas-2024/").content.decode()
    assert page.count('data-testid="key-message"') == 4
    assert page.index("collective framework for cooperation") < page.index("In recognition")
    assert "Regional Network of Civil Organizations for Migration" in page


def test_a_focal_point_answers_through_the_page_and_sees_its_answers_again(client, open_survey):
    client.force_login(focal_point("HND"))
    ranking, free_text = open_survey.questions.all()
    labour, climate = open_survey.topics.all()
    response = client.post(
        f"/champions/surveys/{open_survey.pk}/answer/",
        {
            "country": "HND",
            f"question-{ranking.pk}-topic-{labour.pk}": "2",
            f"question-{ranking.pk}-topic-{climate.pk}": "1",
            f"question-{free_text.pk}": "Remittances too",
        },
        follow=True,
    )
    assert "The answers of Honduras are saved." in response.content.decode()
    answer = open_survey.responses.get().answers.get(question=ranking)
    assert answer.choices == [climate.pk, labour.pk]
    assert "Remittances too" in response.content.decode()


def test_the_answer_page_refuses_another_countrys_answers(client, open_survey):
    client.force_login(focal_point("HND"))
    response = client.post(f"/champions/surveys/{open_survey.pk}/answer/", {"country": "MEX"})
    assert response.status_code == 403
    assert not open_survey.responses.exists()


def test_the_fmu_sees_who_has_not_answered(client, open_survey):
    client.force_login(fmu())
    page = client.get(f"/champions/surveys/{open_survey.pk}/").content.decode()
    assert 'data-testid="yet-to-answer"' in page and "Ecuador" in page


def test_participants_do_not_see_results_of_an_open_survey(client, open_survey):
    client.force_login(focal_point("HND"))
    page = client.get(f"/champions/surveys/{open_survey.pk}/").content.decode()
    assert "Borda" not in page
    assert "shown to participants once the survey has closed" in page


def test_a_focal_point_starts_a_roadmap_from_the_form(client):
    client.force_login(focal_point("PAN"))
    response = client.post(
        "/champions/roadmaps/new/",
        {
            "title": "Data on transit through the Darién",
            "scope": "Shared data on people in transit.",
            "objectives": "Common indicators\nQuarterly exchange",
            "actors": "un-organisation | IOM | Technical support",
            "results": "A shared dashboard | Countries reporting quarterly",
            "milestones": "2025-06-30 | Indicators agreed",
        },
    )
    roadmap = Roadmap.objects.get(title="Data on transit through the Darién")
    assert response.status_code == 302
    assert roadmap.objectives == ["Common indicators", "Quarterly exchange"]
    assert roadmap.actors.get().name == "IOM"
    assert str(roadmap.milestones.get().due_on) == "2025-06-30"


def test_a_malformed_actor_line_is_explained_on_the_form(client):
    client.force_login(focal_point("PAN"))
    response = client.post(
        "/champions/roadmaps/new/",
        {"title": "T", "scope": "S", "objectives": "O", "actors": "IOM only"},
    )
    assert response.status_code == 200
    assert "should read like" in response.content.decode()


def test_civil_society_comments_from_the_roadmap_page(client):
    roadmap = Roadmap.objects.create(title="Return", scope="Reintegration", objectives=["x"])
    client.force_login(user_with_role(Role.CIVIL_SOCIETY))
    client.post(f"/champions/roadmaps/{roadmap.pk}/comment/", {"text": "Add returnee voices."})
    page = client.get(f"/champions/roadmaps/{roadmap.pk}/").content.decode()
    assert "Add returnee voices." in page
    assert "/edit/" not in page


def test_the_roadmap_downloads_as_pdf_and_docx(client):
    roadmap = Roadmap.objects.create(title="Return", scope="Reintegration", objectives=["x"])
    pdf = client.get(f"/champions/roadmaps/{roadmap.pk}/proposal.pdf")
    docx = client.get(f"/champions/roadmaps/{roadmap.pk}/proposal.docx")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert docx.content.startswith(b"PK")


def test_a_focal_point_records_a_practice_only_for_its_country(client):
    client.force_login(focal_point("ECU"))
    fields = {"title": "Mobile consulates", "description": "Consular services on the road."}
    assert client.post("/champions/practices/new/", {**fields, "country": "PER"}).status_code == 403
    client.post("/champions/practices/new/", {**fields, "country": "ECU"})
    assert GoodPractice.objects.get().country.iso3 == "ECU"
    page = client.get("/champions/practices/?q=consular").content.decode()
    assert page.count('data-testid="good-practice"') == 1


def test_the_fmu_builds_a_survey_for_the_forum_from_the_form(client):
    from poolfund.champions.models import Forum

    client.force_login(fmu())
    forum = Forum.objects.get(slug="ii-forum-americas-2024")
    response = client.post(
        "/champions/surveys/new/",
        {
            "forum": forum.pk,
            "title": "Priority topics for the II Forum",
            "closes_on": "2024-09-10",
            "topics": "Labour migration | 5, 6\nClimate mobility | 2",
            "questions": "topic-ranking | Rank the topics\n"
            "single-choice | Will you attend? | Yes; No\n"
            "free-text | What else?",
        },
    )
    assert response.status_code == 302
    survey = forum.surveys.get()
    assert str(survey.opens_on) == "2024-07-25"
    assert [q.kind for q in survey.questions.all()] == [
        "topic-ranking",
        "single-choice",
        "free-text",
    ]
    labour = survey.topics.get(title="Labour migration")
    assert sorted(labour.objectives.values_list("number", flat=True)) == [5, 6]


def test_a_focal_point_of_a_country_that_does_not_co_chair_cannot_build_a_survey(client):
    client.force_login(focal_point("PER"))
    assert client.get("/champions/surveys/new/").status_code == 403


def test_the_fmu_appoints_a_co_chair_from_the_overview_and_a_third_is_refused(client):
    client.force_login(fmu())
    term = {"country": "MEX", "starts_on": "2024-10-01"}
    client.post("/champions/co-chairs/new/", term)
    client.post("/champions/co-chairs/new/", {**term, "country": "CAN"})
    refused = client.post("/champions/co-chairs/new/", {**term, "country": "PAN"}, follow=True)
    assert "at most 2 co-chairs" in refused.content.decode()
    page = client.get("/champions/?date=2025-01-01").content.decode()
    assert page.count('data-testid="co-chair"') == 2 and "Canada" in page


def test_a_focal_point_cannot_appoint_co_chairs(client):
    client.force_login(focal_point("MEX"))
    response = client.post(
        "/champions/co-chairs/new/", {"country": "MEX", "starts_on": "2025-01-01"}
    )
    assert response.status_code == 403


def test_a_co_author_invites_another_countrys_focal_point_from_the_roadmap_page(client):
    mexico = focal_point("MEX")
    roadmap = Roadmap.objects.create(title="Return", scope="Reintegration", objectives=["x"])
    roadmap.co_authors.add(mexico)
    focal_point("GTM")
    client.force_login(mexico)
    client.post(f"/champions/roadmaps/{roadmap.pk}/co-authors/", {"username": "focal-gtm"})
    assert sorted(roadmap.co_authors.values_list("username", flat=True)) == [
        "focal-gtm",
        "focal-mex",
    ]


def test_a_roadmap_started_from_a_priority_topic_is_prefilled_and_linked_to_it(client):
    from poolfund.champions.models import SurveyTopic
    from poolfund.framework.models import Objective

    survey = survey_with_topics("Labour migration")
    topic = SurveyTopic.objects.get(survey=survey)
    topic.objectives.set(Objective.objects.filter(framework__code="gcm", number=6))
    client.force_login(focal_point("PAN"))
    form = client.get(f"/champions/roadmaps/new/?topic={topic.pk}").context["form"]
    assert form.initial["title"] == "Labour migration"
    data = {
        "title": "Labour migration",
        "priority_topic": topic.pk,
        "gcm_objectives": [o.pk for o in form.initial["gcm_objectives"]],
        "scope": "Corridors",
        "objectives": "Fair recruitment",
    }
    client.post("/champions/roadmaps/new/", data)
    roadmap = Roadmap.objects.get(priority_topic=topic)
    assert list(roadmap.gcm_objectives.values_list("number", flat=True)) == [6]
