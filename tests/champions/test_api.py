from datetime import date, timedelta

import pytest
from django.utils import timezone

from poolfund.champions.services.practices import record_good_practice
from poolfund.framework.models import Objective
from poolfund.geo.models import Country
from tests.champions.factories import RoadmapFactory, focal_point, survey_with_topics

pytestmark = pytest.mark.django_db


def test_eight_champion_countries_in_2023_each_with_its_regional_process(client):
    response = client.get("/api/v1/champions/countries/?date=2023-06-01")
    assert response.status_code == 200
    by_code = {item["iso3"]: item for item in response.json()}
    assert set(by_code) == {"COL", "CRI", "ECU", "SLV", "HND", "MEX", "PAN", "PER"}
    assert by_code["MEX"] == {"iso3": "MEX", "name": "Mexico", "regional_processes": ["RCM"]}
    assert by_code["PER"]["regional_processes"] == ["SACM"]


def test_nine_champion_countries_in_2024_with_canada_in_the_rcm(client):
    items = client.get("/api/v1/champions/countries/?date=2024-09-25").json()
    assert len(items) == 9
    canada = next(item for item in items if item["iso3"] == "CAN")
    assert canada["regional_processes"] == ["RCM"]
    rcm = {item["iso3"] for item in items if "RCM" in item["regional_processes"]}
    assert rcm == {"CAN", "CRI", "SLV", "HND", "MEX", "PAN"}


def test_a_malformed_date_is_a_400_that_says_what_to_send(client):
    response = client.get("/api/v1/champions/countries/?date=25-09-2024")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["fields"]["date"]


def test_co_chairs_on_a_date(client):
    items = client.get("/api/v1/champions/co-chairs/?date=2024-09-25").json()
    assert {item["iso3"] for item in items} == {"SLV", "MAR"}
    assert items[0]["starts_on"] == "2023-10-01"
    assert client.get("/api/v1/champions/co-chairs/?date=2023-09-30").json() == []


def test_the_ii_forum_carries_its_four_key_messages_with_sub_points(client):
    forum = client.get("/api/v1/champions/forums/ii-forum-americas-2024/").json()
    assert forum["starts_on"] == "2024-09-25" and forum["host_country"] == "SLV"
    assert [len(message["sub_points"]) for message in forum["key_messages"]] == [4, 4, 3, 0]
    assert forum["key_messages"][3]["text"].startswith("In recognition of the need")
    assert any(p["name"].endswith("(RNCOM)") for p in forum["participants"])


def test_survey_results_are_refused_to_the_public_before_close_and_served_to_participants_after(
    client,
):
    today = timezone.localdate()
    open_survey = survey_with_topics("A", "B", opens_on=today, closes_on=today + timedelta(days=3))
    closed_survey = survey_with_topics(
        "A", "B", opens_on=date(2024, 7, 1), closes_on=date(2024, 8, 1)
    )
    assert client.get(f"/api/v1/champions/surveys/{open_survey.pk}/results/").status_code == 401
    client.force_login(focal_point("ECU"))
    assert client.get(f"/api/v1/champions/surveys/{open_survey.pk}/results/").status_code == 403
    results = client.get(f"/api/v1/champions/surveys/{closed_survey.pk}/results/").json()
    assert results["invited"] == 9 and results["answered"] == 0
    assert [entry["rank"] for entry in results["ranking"]] == [1, 1]


def test_roadmaps_are_listed_with_their_status(client):
    RoadmapFactory(title="Climate mobility")
    items = client.get("/api/v1/champions/roadmaps/").json()["results"]
    assert [(item["title"], item["status"]) for item in items] == [("Climate mobility", "draft")]
    assert items[0]["concept_note"] is None


def test_good_practices_are_found_by_objective_country_and_text(client):
    actor = focal_point("CRI")
    costa_rica = Country.objects.get(iso3="CRI")
    record_good_practice(
        actor=actor,
        title="One-stop shop for migrant workers",
        country=costa_rica,
        description="Registration, permits and referrals in one office.",
        objectives=Objective.objects.filter(framework__code="gcm", number=6),
    )
    record_good_practice(
        actor=actor, title="Border data exchange", country=costa_rica, description="Shared data."
    )

    def titles(query: str) -> list[str]:
        response = client.get("/api/v1/champions/practices/" + query)
        return [item["title"] for item in response.json()["results"]]

    assert titles("?objective=6") == ["One-stop shop for migrant workers"]
    assert titles("?q=referrals+office") == ["One-stop shop for migrant workers"]
    assert len(titles("?country=CRI")) == 2
    assert titles("?country=MEX") == []


def test_a_focal_point_answers_through_the_api_and_is_told_why_when_refused(client):
    today = timezone.localdate()
    survey = survey_with_topics("A", "B", opens_on=today, closes_on=today + timedelta(days=3))
    ranking = survey.questions.get(kind="topic-ranking")
    first, second = survey.topics.all()
    url = f"/api/v1/champions/surveys/{survey.pk}/answers/"
    body = {"country": "CRI", "answers": {str(ranking.pk): [second.pk, first.pk]}}
    assert client.post(url, body, content_type="application/json").status_code == 401
    client.force_login(focal_point("CRI"))
    assert client.post(url, body, content_type="application/json").status_code == 201
    assert survey.responses.get().country.iso3 == "CRI"
    refused = client.post(
        url, {**body, "answers": {str(ranking.pk): []}}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "survey"
    other = client.post(url, {**body, "country": "MEX"}, content_type="application/json")
    assert other.status_code == 403
