"""Factories for the champion tests: people with roles, surveys and roadmaps."""

from datetime import date

import factory

from poolfund.accounts.choices import Role
from poolfund.accounts.models import User
from poolfund.champions.choices import QuestionKind
from poolfund.champions.models import Roadmap, Survey, SurveyQuestion, SurveyTopic
from poolfund.geo.models import Country
from tests.accounts.factories import user_with_role


def focal_point(iso3: str) -> User:
    """The government focal point of a country, called `focal-<iso3>`."""
    return user_with_role(
        Role.GOVERNMENT_FOCAL_POINT,
        username=f"focal-{iso3.lower()}",
        country=Country.objects.get(iso3=iso3),
    )


def fmu() -> User:
    return user_with_role(Role.FMU)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Priority topics {n}")
    opens_on = date(2024, 7, 25)
    closes_on = date(2024, 8, 31)


def survey_with_topics(*titles: str, **fields) -> Survey:
    """A survey with the given topics, one ranking question and one free-text question."""
    survey = SurveyFactory(**fields)
    for position, title in enumerate(titles, start=1):
        SurveyTopic.objects.create(survey=survey, position=position, title=title)
    SurveyQuestion.objects.create(
        survey=survey, position=1, kind=QuestionKind.TOPIC_RANKING, text="Rank the topics"
    )
    SurveyQuestion.objects.create(
        survey=survey,
        position=2,
        kind=QuestionKind.FREE_TEXT,
        text="Anything else?",
        required=False,
    )
    return survey


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    title = factory.Sequence(lambda n: f"Roadmap {n}")
    scope = "Labour migration corridors between the countries of the RCM."
    objectives = factory.LazyFunction(lambda: ["Align recruitment rules", "Share data"])
