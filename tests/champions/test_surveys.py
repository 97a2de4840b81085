from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import can
from poolfund.champions.choices import QuestionKind
from poolfund.champions.models import Forum, SurveyResponse
from poolfund.champions.selectors import countries_yet_to_answer, survey_results
from poolfund.champions.services.surveys import SurveyError, create_survey, submit_survey_response
from poolfund.geo.models import Country
from tests.accounts.factories import user_with_role
from tests.champions.factories import fmu, focal_point, survey_with_topics

pytestmark = pytest.mark.django_db

DURING = date(2024, 8, 1)


@pytest.fixture
def survey():
    return survey_with_topics("Labour migration", "Climate mobility", "Return")


def answer(survey, iso3, ranked_titles, *, user=None, today=DURING, text=""):
    country = Country.objects.get(iso3=iso3)
    ranking, free_text = survey.questions.all()
    topics = {topic.title: topic.pk for topic in survey.topics.all()}
    return submit_survey_response(
        actor=user or focal_point(iso3),
        survey=survey,
        country=country,
        answers={ranking.pk: [topics[title] for title in ranked_titles], free_text.pk: text},
        today=today,
    )


def test_a_survey_built_for_a_forum_opens_two_months_before_it():
    forum = Forum.objects.get(slug="ii-forum-americas-2024")
    survey = create_survey(
        actor=fmu(),
        forum=forum,
        title="Priority topics for the II Forum",
        closes_on=date(2024, 9, 10),
        topics=[{"title": "Labour migration"}, {"title": "Climate mobility"}],
        questions=[{"kind": QuestionKind.TOPIC_RANKING, "text": "Rank the topics"}],
    )
    assert survey.opens_on == date(2024, 7, 25)


def test_a_choice_question_needs_two_options():
    with pytest.raises(SurveyError, match="two options"):
        create_survey(
            actor=fmu(),
            title="Broken",
            opens_on=DURING,
            closes_on=DURING,
            questions=[{"kind": QuestionKind.SINGLE_CHOICE, "text": "Yes?", "options": ["Yes"]}],
        )


def test_answers_are_refused_before_the_survey_opens(survey):
    with pytest.raises(SurveyError, match="opens on 25 July 2024"):
        answer(survey, "MEX", ["Return"], today=date(2024, 7, 24))


def test_answers_are_refused_after_the_survey_closes(survey):
    with pytest.raises(SurveyError, match="closed on 31 August 2024"):
        answer(survey, "MEX", ["Return"], today=date(2024, 9, 1))


def test_the_first_and_last_days_of_the_window_are_open(survey):
    answer(survey, "MEX", ["Return"], today=date(2024, 7, 25))
    answer(survey, "PAN", ["Return"], today=date(2024, 8, 31))
    assert survey.responses.count() == 2


def test_each_country_answers_once_and_answering_again_replaces_its_answers(survey):
    user = focal_point("MEX")
    answer(survey, "MEX", ["Return", "Labour migration"], user=user)
    answer(survey, "MEX", ["Climate mobility"], user=user)
    response = SurveyResponse.objects.get(survey=survey)
    ranking = response.answers.get(question__kind=QuestionKind.TOPIC_RANKING)
    assert [survey.topics.get(pk=pk).title for pk in ranking.choices] == ["Climate mobility"]
    assert survey.responses.count() == 1


def test_the_database_refuses_a_second_response_for_a_country(survey):
    from django.db import IntegrityError

    first = answer(survey, "MEX", ["Return"])
    with pytest.raises(IntegrityError):
        SurveyResponse.objects.create(
            survey=survey, country=first.country, submitted_by=first.submitted_by
        )


def test_a_focal_point_cannot_answer_for_another_country(survey):
    with pytest.raises(PermissionDenied):
        answer(survey, "PAN", ["Return"], user=focal_point("MEX"))


def test_a_country_that_is_not_a_champion_is_not_invited(survey):
    with pytest.raises(SurveyError, match="not a champion country"):
        answer(survey, "BRA", ["Return"])


def test_a_topic_ranked_twice_is_refused(survey):
    ranking, _ = survey.questions.all()
    topic = survey.topics.first()
    with pytest.raises(SurveyError, match="at most once"):
        submit_survey_response(
            actor=focal_point("MEX"),
            survey=survey,
            country=Country.objects.get(iso3="MEX"),
            answers={ranking.pk: [topic.pk, topic.pk]},
            today=DURING,
        )


def test_a_required_question_left_empty_is_refused(survey):
    with pytest.raises(SurveyError, match="needs an answer"):
        answer(survey, "MEX", [])


def test_reminders_list_the_champion_countries_that_have_not_answered(survey):
    answer(survey, "MEX", ["Return"])
    answer(survey, "SLV", ["Return"])
    yet_to_answer = {country.iso3 for country in countries_yet_to_answer(survey)}
    assert yet_to_answer == {"CAN", "COL", "CRI", "ECU", "HND", "PAN", "PER"}


def test_results_give_the_response_rate_and_the_borda_ranking(survey):
    answer(survey, "MEX", ["Labour migration", "Return", "Climate mobility"])
    answer(survey, "PAN", ["Return", "Labour migration", "Climate mobility"])
    answer(survey, "COL", ["Labour migration", "Climate mobility", "Return"])
    results = survey_results(survey)
    assert (results.answered, results.invited) == (3, 9)
    assert results.response_rate == pytest.approx(1 / 3)
    assert [(entry.rank, entry.topic.title, entry.points) for entry in results.ranking] == [
        (1, "Labour migration", 5),
        (2, "Return", 3),
        (3, "Climate mobility", 1),
    ]


def test_participants_see_the_results_only_after_the_survey_closes():
    today = timezone.localdate()
    open_survey = survey_with_topics("A", opens_on=today, closes_on=today + timedelta(days=5))
    closed_survey = survey_with_topics(
        "A", opens_on=today - timedelta(days=9), closes_on=today - timedelta(days=1)
    )
    participant = focal_point("PER")
    civil_society = user_with_role(Role.CIVIL_SOCIETY)
    assert not can(participant, "champions.view_survey_results", open_survey)
    assert not can(civil_society, "champions.view_survey_results", open_survey)
    assert can(participant, "champions.view_survey_results", closed_survey)
    assert can(civil_society, "champions.view_survey_results", closed_survey)
    assert can(fmu(), "champions.view_survey_results", open_survey)


def test_the_ranking_chart_is_an_svg_with_a_bar_per_topic(survey):
    from poolfund.champions.charts import topic_ranking_chart_svg

    answer(survey, "MEX", ["Return", "Labour migration"])
    svg = topic_ranking_chart_svg(survey_results(survey).ranking)
    assert svg.lstrip().startswith("<svg")
    for label in ("1. Return", "2. Labour migration", "3. Climate mobility"):
        assert label in svg


def test_results_take_the_same_number_of_queries_however_many_countries_answer(
    survey, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    answer(survey, "MEX", ["Return"])
    with CaptureQueriesContext(connection) as one_answer:
        survey_results(survey)
    for iso3 in ("PAN", "COL", "PER", "ECU", "HND"):
        answer(survey, iso3, ["Labour migration", "Return"])
    with django_assert_num_queries(len(one_answer.captured_queries)):
        survey_results(survey)
