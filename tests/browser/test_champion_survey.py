from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from poolfund.champions.models import SurveyResponse
from tests.champions.factories import focal_point, survey_with_topics

pytestmark = pytest.mark.browser


def signed_in(page, live_server, user) -> None:
    """Give the browser the session cookie of a signed-in user (no login page needed)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_a_focal_point_ranks_the_topics_and_can_change_the_answer(page, demo_site):
    today = timezone.localdate()
    survey = survey_with_topics(
        "Labour migration",
        "Climate mobility",
        "Return",
        opens_on=today,
        closes_on=today + timedelta(days=20),
    )
    signed_in(page, demo_site, focal_point("HND"))
    page.goto(f"{demo_site.url}/champions/surveys/{survey.pk}/")
    form = page.get_by_test_id("answer-form")
    form.get_by_label("Rank of Climate mobility").select_option("1")
    form.get_by_label("Rank of Return").select_option("2")
    form.get_by_label("Anything else?").fill("Remittances deserve a roadmap.")
    form.get_by_role("button", name="Save the answers").click()
    page.get_by_text("The answers of Honduras are saved.").wait_for()

    titles = dict(survey.topics.values_list("pk", "title"))
    ranking = SurveyResponse.objects.get(survey=survey).answers.get(question__position=1)
    assert [titles[pk] for pk in ranking.choices] == ["Climate mobility", "Return"]

    form = page.get_by_test_id("answer-form")
    assert form.get_by_label("Rank of Climate mobility").input_value() == "1"
    form.get_by_label("Rank of Labour migration").select_option("3")
    form.get_by_role("button", name="Save the answers").click()
    page.get_by_text("The answers of Honduras are saved.").wait_for()
    ranking.refresh_from_db()
    assert [titles[pk] for pk in ranking.choices] == [
        "Climate mobility",
        "Return",
        "Labour migration",
    ]
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
