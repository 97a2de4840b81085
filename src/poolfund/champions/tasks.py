"""What the Champion Countries Initiative waits on, for `/me/`: survey answers a country owes
before the survey closes, and draft roadmaps civil society has not commented on yet."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.champions.choices import RoadmapStatus
from poolfund.champions.models import ChampionMembership, Roadmap, RoadmapComment, Survey
from poolfund.geo.models import Country
from poolfund.inbox.registry import Person, Task, Waiting, by_due_date, first_tasks, task_kind


def _answer_task(country: Country):
    def to_task(survey: Survey) -> Task:
        return Task(
            kind="champions.answer-survey",
            key=f"survey-{survey.pk}:{country.iso3}",
            action=_("Answer for %(country)s") % {"country": country.localized_name},
            subject=survey.title,
            url=reverse("champions:survey", args=[survey.pk]),
            since=survey.opens_on,
            due_on=survey.closes_on,
        )

    return to_task


@task_kind(
    "champions.answer-survey",
    _("Survey answers owed"),
    roles=(Role.GOVERNMENT_FOCAL_POINT,),
)
def survey_answers_owed(person: Person, limit: int | None) -> Waiting:
    """Open surveys each of the person's countries is invited to (a champion country while
    the survey is open) and has not answered; due the day the survey closes."""
    countries = Country.objects.filter(pk__in=person.scopes(Role.GOVERNMENT_FOCAL_POINT, "country"))
    count, tasks = 0, []
    for country in countries:  # the one or two countries a person is focal point for
        invited = ChampionMembership.objects.filter(
            country=country, starts_on__lte=OuterRef("closes_on")
        ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=OuterRef("opens_on")))
        surveys = (
            Survey.objects.filter(opens_on__lte=person.today, closes_on__gte=person.today)
            .filter(Exists(invited))
            .exclude(responses__country=country)
        )
        waiting = first_tasks(
            by_due_date(surveys, "closes_on", "opens_on"), limit, _answer_task(country)
        )
        count += waiting.count
        tasks += waiting.tasks
    tasks.sort(key=lambda task: (task.due_on, task.key))
    return Waiting(count, tasks[:limit] if limit else tasks)


def _comment_task(roadmap: Roadmap) -> Task:
    return Task(
        kind="champions.comment-roadmap",
        key=f"roadmap-{roadmap.pk}",
        action=_("Comment on the draft"),
        subject=roadmap.title,
        url=reverse("champions:roadmap", args=[roadmap.pk]),
        since=roadmap.created_at,
    )


@task_kind("champions.comment-roadmap", _("Roadmaps to comment"), roles=(Role.CIVIL_SOCIETY,))
def roadmaps_to_comment(person: Person, limit: int | None) -> Waiting:
    """Draft roadmaps the civil-society representative has not commented on yet."""
    commented = RoadmapComment.objects.filter(roadmap=OuterRef("pk"), author=person.user)
    roadmaps = (
        Roadmap.objects.filter(status=RoadmapStatus.DRAFT)
        .filter(~Exists(commented))
        .only("pk", "title", "created_at")
    )
    return first_tasks(by_due_date(roadmaps, None, "created_at"), limit, _comment_task)
