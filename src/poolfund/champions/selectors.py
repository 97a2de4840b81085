"""Reads of the Champion Countries Initiative, shaped for pages, the API and exports."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from poolfund.champions.choices import QuestionKind
from poolfund.champions.models import (
    ChampionMembership,
    CoChairTerm,
    Forum,
    GoodPractice,
    KeyMessage,
    Roadmap,
    Survey,
    SurveyAnswer,
    SurveyTopic,
)
from poolfund.champions.ranking import RankedTopic, borda_ranking
from poolfund.geo.choices import RegionalBodyKind
from poolfund.geo.models import Country, RegionalBody


def _with_regional_processes(countries: QuerySet[Country]) -> QuerySet[Country]:
    processes = RegionalBody.objects.filter(kind=RegionalBodyKind.CONSULTATIVE_PROCESS)
    return countries.prefetch_related(
        Prefetch("regional_bodies", queryset=processes, to_attr="regional_processes")
    )


def champion_countries_on(day: date) -> QuerySet[Country]:
    """The champion countries on a day, each with `regional_processes` (RCM, SACM…)."""
    members = Country.objects.filter(
        champion_memberships__in=ChampionMembership.objects.active_on(day)
    ).distinct()
    return _with_regional_processes(members).order_by("name")


def co_chairs_on(day: date) -> QuerySet[CoChairTerm]:
    return CoChairTerm.objects.active_on(day).select_related("country")


def co_chair_rotation() -> QuerySet[CoChairTerm]:
    """Every co-chair term, oldest first: the rotation history."""
    return CoChairTerm.objects.select_related("country").order_by("starts_on", "country__name")


def forums_with_places() -> QuerySet[Forum]:
    return Forum.objects.select_related("host_country")


def forums_with_details() -> QuerySet[Forum]:
    """Forums with their participants, documents, surveys, roadmaps and key messages (the
    top-level ones in `top_level_messages`, each with its ordered `sub_points`)."""
    sub_points = KeyMessage.objects.order_by("position")
    return Forum.objects.select_related("host_country").prefetch_related(
        "participants__country",
        "documents",
        "surveys",
        "roadmaps",
        Prefetch(
            "key_messages",
            queryset=KeyMessage.objects.filter(parent__isnull=True)
            .order_by("position")
            .prefetch_related(Prefetch("sub_points", queryset=sub_points)),
            to_attr="top_level_messages",
        ),
    )


def roadmaps_with_details() -> QuerySet[Roadmap]:
    return Roadmap.objects.select_related(
        "forum", "thematic_area", "priority_topic", "concept_note__joint_programme"
    ).prefetch_related(
        "gcm_objectives", "countries", "actors", "results", "milestones", "co_authors"
    )


def countries_invited_to(survey: Survey) -> QuerySet[Country]:
    """The champion countries at any time while the survey is open."""
    memberships = ChampionMembership.objects.filter(starts_on__lte=survey.closes_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=survey.opens_on)
    )
    return Country.objects.filter(champion_memberships__in=memberships).distinct().order_by("name")


def countries_yet_to_answer(survey: Survey) -> QuerySet[Country]:
    """Who to remind: invited countries without a response."""
    answered = survey.responses.values("country_id")
    return countries_invited_to(survey).exclude(pk__in=answered)


@dataclass
class ChoiceTally:
    question: str
    counts: list[tuple[str, int]]


@dataclass
class SurveyResults:
    invited: int
    answered: int
    ranking: list[RankedTopic] = field(default_factory=list)
    choices: list[ChoiceTally] = field(default_factory=list)
    free_text: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def response_rate(self) -> float:
        """Share of invited countries that answered, from 0 to 1 (a ratio, not money)."""
        return self.answered / self.invited if self.invited else 0.0


def survey_results(survey: Survey) -> SurveyResults:
    """Response rate, the Borda ranking of the topics and a tally of every choice question."""
    answers = list(
        SurveyAnswer.objects.filter(response__survey=survey)
        .select_related("question")
        .order_by("response__country__name")
    )
    topics = {topic.pk: topic for topic in SurveyTopic.objects.filter(survey=survey)}
    results = SurveyResults(
        invited=countries_invited_to(survey).count(), answered=survey.responses.count()
    )
    ballots = [
        [topics[topic_id] for topic_id in answer.choices]
        for answer in answers
        if answer.question.kind == QuestionKind.TOPIC_RANKING
    ]
    if ballots or any(q.kind == QuestionKind.TOPIC_RANKING for q in survey.questions.all()):
        results.ranking = borda_ranking(
            ballots, list(topics.values()), label=lambda topic: topic.title
        )
    for question in survey.questions.all():
        own = [answer for answer in answers if answer.question_id == question.pk]
        if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
            counted = Counter(choice for answer in own for choice in answer.choices)
            results.choices.append(
                ChoiceTally(
                    question.text, [(option, counted[option]) for option in question.options]
                )
            )
        elif question.kind == QuestionKind.FREE_TEXT:
            results.free_text.append((question.text, [a.text for a in own if a.text]))
    return results


def good_practices_matching(
    *, objective_number: int | None = None, country_iso3: str = "", text: str = ""
) -> QuerySet[GoodPractice]:
    """Good practices by GCM objective, country and words in their title, description or
    results."""
    practices = GoodPractice.objects.select_related("country").prefetch_related("objectives")
    if objective_number:
        practices = practices.filter(objectives__number=objective_number)
    if country_iso3:
        practices = practices.filter(country__iso3__iexact=country_iso3)
    for word in text.split():
        practices = practices.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(results__icontains=word)
        )
    return practices.distinct()
