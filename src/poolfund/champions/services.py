"""Writes of the Champion Countries Initiative; each checks its rules and records an audit event."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.champions.choices import (
    ROADMAP_NEXT_STATUS,
    ActorKind,
    QuestionKind,
    RoadmapStatus,
    SurveyPhase,
)
from poolfund.champions.models import (
    ChampionMembership,
    CoChairTerm,
    GoodPractice,
    Roadmap,
    RoadmapActor,
    RoadmapComment,
    RoadmapMilestone,
    RoadmapResult,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyTopic,
)
from poolfund.champions.notifications import tell_survey_opened
from poolfund.errors import DomainError
from poolfund.programmes.services import ConceptNoteContent, draft_concept_note

MAX_CO_CHAIRS = 2


class CoChairRotationError(DomainError):
    code = "co_chair_rotation"


class SurveyError(DomainError):
    code = "survey"


class RoadmapError(DomainError):
    code = "roadmap"


def one_year_term_end(starts_on: date) -> date:
    """The last day of a one-year term starting on `starts_on` (1 Oct 2023 → 30 Sep 2024)."""
    try:
        next_start = starts_on.replace(year=starts_on.year + 1)
    except ValueError:  # 29 February
        next_start = starts_on.replace(year=starts_on.year + 1, day=28) + timedelta(days=1)
    return next_start - timedelta(days=1)


def two_months_before(day: date) -> date:
    """The same day two months earlier, or the month's last day (30 April → 28/29 February)."""
    year, month = (day.year, day.month - 2) if day.month > 2 else (day.year - 1, day.month + 10)
    last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


@transaction.atomic
def add_champion_membership(
    *, actor, country, starts_on: date, ends_on: date | None = None, source: str = ""
) -> ChampionMembership:
    require(actor, "champions.manage_initiative")
    overlapping = ChampionMembership.objects.filter(country=country).exclude(ends_on__lt=starts_on)
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise DomainError(
            gettext("%(country)s is already a champion country during those dates.")
            % {"country": country}
        )
    membership = ChampionMembership.objects.create(
        country=country, starts_on=starts_on, ends_on=ends_on, source=source
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=membership)
    return membership


def co_chair_term_problems(
    country, starts_on: date, ends_on: date, *, excluding: CoChairTerm | None = None
) -> list[str]:
    """Why a co-chair term cannot be added: too long, the same country twice, or a third
    co-chair on some day. Empty when it can."""
    if ends_on < starts_on:
        return [gettext("A term cannot end before it starts.")]
    if ends_on > one_year_term_end(starts_on):
        return [
            gettext("A co-chair term lasts one year at most (until %(day)s).")
            % {"day": one_year_term_end(starts_on)}
        ]
    overlapping = list(
        CoChairTerm.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
        .exclude(pk=getattr(excluding, "pk", None))
        .select_related("country")
    )
    problems = []
    if any(term.country_id == country.pk for term in overlapping):
        problems.append(
            gettext("%(country)s already co-chairs during part of that term.")
            % {"country": country}
        )
    # The number of co-chairs only rises on the first day of a term, so checking those days
    # within the new term is enough.
    for day in sorted(
        {starts_on} | {term.starts_on for term in overlapping if term.starts_on > starts_on}
    ):
        sitting = [term for term in overlapping if term.starts_on <= day <= term.ends_on]
        if len(sitting) >= MAX_CO_CHAIRS:
            names = get_text_list([str(term.country) for term in sitting], gettext("and"))
            problems.append(
                gettext(
                    "On %(day)s %(names)s already co-chair; there are at most %(most)s co-chairs "
                    "at a time."
                )
                % {"day": date_format(day, "d F Y"), "names": names, "most": MAX_CO_CHAIRS}
            )
            break
    return problems


@transaction.atomic
def appoint_co_chair(
    *, actor, country, starts_on: date, ends_on: date | None = None
) -> CoChairTerm:
    """Appoint a country co-chair for a one-year term (shorter if `ends_on` says so)."""
    require(actor, "champions.manage_initiative")
    ends_on = ends_on or one_year_term_end(starts_on)
    problems = co_chair_term_problems(country, starts_on, ends_on)
    if problems:
        raise CoChairRotationError(" ".join(problems))
    term = CoChairTerm.objects.create(country=country, starts_on=starts_on, ends_on=ends_on)
    record_event(actor=actor, action=AuditAction.CREATE, instance=term)
    return term


@transaction.atomic
def create_survey(
    *,
    actor,
    title: str,
    closes_on: date,
    forum=None,
    opens_on: date | None = None,
    introduction: str = "",
    topics: Iterable[Mapping[str, Any]] = (),
    questions: Iterable[Mapping[str, Any]] = (),
) -> Survey:
    """Build a survey. Without `opens_on` it opens two months before its forum.

    `topics`: `{"title", "description"?, "objectives"?: [Objective]}`;
    `questions`: `{"kind", "text", "options"?, "required"?}`.
    """
    require(actor, "champions.build_survey")
    if opens_on is None:
        if forum is None or forum.starts_on is None:
            raise SurveyError(gettext("Say when the survey opens, or attach it to a dated forum."))
        opens_on = two_months_before(forum.starts_on)
    if closes_on < opens_on:
        raise SurveyError(
            gettext("A survey cannot close before it opens."), fields={"closes_on": ""}
        )
    survey = Survey.objects.create(
        forum=forum,
        title=title,
        introduction=introduction,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    for position, topic in enumerate(topics, start=1):
        created = SurveyTopic.objects.create(
            survey=survey,
            position=position,
            title=topic["title"],
            description=topic.get("description", ""),
        )
        created.objectives.set(topic.get("objectives", []))
    for position, question in enumerate(questions, start=1):
        kind = QuestionKind(question["kind"])
        options = list(question.get("options", []))
        if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE) and len(options) < 2:
            raise SurveyError(
                gettext("The choice question “%(question)s” needs two options.")
                % {"question": question["text"]}
            )
        SurveyQuestion.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text=question["text"],
            options=options,
            required=question.get("required", True),
        )
    if survey.questions.filter(kind=QuestionKind.TOPIC_RANKING).exists() and not topics:
        raise SurveyError(gettext("A survey that ranks topics needs topics to rank."))
    record_event(actor=actor, action=AuditAction.CREATE, instance=survey)
    if survey.phase_on(timezone.localdate()) == SurveyPhase.OPEN:
        tell_survey_opened(survey, actor=actor)
    return survey


def _cleaned_answer(question: SurveyQuestion, value: Any, topic_ids: set[int]) -> dict:
    """The stored form of one answer, or a SurveyError saying what is wrong with it."""
    if question.kind == QuestionKind.FREE_TEXT:
        text = (value or "").strip() if isinstance(value, str) else ""
        if question.required and not text:
            raise SurveyError(
                gettext("This question needs an answer."), fields={str(question.pk): ""}
            )
        return {"text": text, "choices": []}
    values = [value] if isinstance(value, str | int) else list(value or [])
    if question.required and not values:
        raise SurveyError(gettext("This question needs an answer."), fields={str(question.pk): ""})
    if question.kind == QuestionKind.TOPIC_RANKING:
        try:
            ranked = [int(topic) for topic in values]
        except (TypeError, ValueError):
            raise SurveyError(gettext("Rank the topics by their numbers.")) from None
        if len(set(ranked)) != len(ranked) or not set(ranked) <= topic_ids:
            raise SurveyError(
                gettext("Rank each topic of this survey at most once."),
                fields={str(question.pk): ""},
            )
        return {"text": "", "choices": ranked}
    unknown = [choice for choice in values if choice not in question.options]
    if unknown:
        raise SurveyError(
            gettext("“%(choice)s” is not one of the options.") % {"choice": unknown[0]}
        )
    if question.kind == QuestionKind.SINGLE_CHOICE and len(values) > 1:
        raise SurveyError(gettext("Choose one option only."), fields={str(question.pk): ""})
    return {"text": "", "choices": list(dict.fromkeys(values))}


@transaction.atomic
def submit_survey_response(
    *, actor, survey: Survey, country, answers: Mapping[int, Any], today: date | None = None
) -> SurveyResponse:
    """Save a country's answers. A country answers once; until the survey closes, answering
    again replaces its answers. `answers` maps question ids to a value (text, option,
    options, or topic ids best first)."""
    require(actor, "champions.answer_survey", country)
    from poolfund.champions.selectors import countries_invited_to

    today = today or timezone.localdate()
    phase = survey.phase_on(today)
    if phase == SurveyPhase.NOT_YET_OPEN:
        raise SurveyError(
            gettext("This survey opens on %(day)s.")
            % {"day": date_format(survey.opens_on, "d F Y")}
        )
    if phase == SurveyPhase.CLOSED:
        raise SurveyError(
            gettext("This survey closed on %(day)s.")
            % {"day": date_format(survey.closes_on, "d F Y")}
        )
    if not countries_invited_to(survey).filter(pk=country.pk).exists():
        raise SurveyError(
            gettext("%(country)s is not a champion country while this survey is open.")
            % {"country": country}
        )
    topic_ids = set(survey.topics.values_list("pk", flat=True))
    cleaned = {
        question: _cleaned_answer(question, answers.get(question.pk), topic_ids)
        for question in survey.questions.all()
    }
    response = (
        SurveyResponse.objects.select_for_update().filter(survey=survey, country=country).first()
    )
    before = snapshot(response) if response else None
    if response is None:
        response = SurveyResponse.objects.create(survey=survey, country=country, submitted_by=actor)
    else:
        response.submitted_by = actor
        response.save()
    for question, values in cleaned.items():
        SurveyAnswer.objects.update_or_create(response=response, question=question, defaults=values)
    record_event(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=response,
        before=before,
        reason="answers changed" if before else "answers submitted",
    )
    return response


def _set_roadmap_parts(roadmap: Roadmap, parts: Mapping[str, Any]) -> None:
    if "countries" in parts:
        roadmap.countries.set(parts["countries"])
    if "gcm_objectives" in parts:
        roadmap.gcm_objectives.set(parts["gcm_objectives"])
    if "actors" in parts:
        roadmap.actors.all().delete()
        RoadmapActor.objects.bulk_create(
            RoadmapActor(roadmap=roadmap, **actor) for actor in parts["actors"]
        )
    if "results" in parts:
        roadmap.results.all().delete()
        RoadmapResult.objects.bulk_create(
            RoadmapResult(roadmap=roadmap, position=position, **result)
            for position, result in enumerate(parts["results"], start=1)
        )
    if "milestones" in parts:
        roadmap.milestones.all().delete()
        RoadmapMilestone.objects.bulk_create(
            RoadmapMilestone(roadmap=roadmap, **milestone) for milestone in parts["milestones"]
        )


ROADMAP_FIELDS = ("title", "scope", "objectives", "thematic_area", "forum", "priority_topic")
ROADMAP_PARTS = ("countries", "gcm_objectives", "actors", "results", "milestones")


def _refuse_unknown_roadmap_details(details: Mapping[str, Any]) -> None:
    unknown = set(details) - set(ROADMAP_FIELDS) - set(ROADMAP_PARTS)
    if unknown:
        raise TypeError(f"Unknown roadmap details: {', '.join(sorted(unknown))}")


@transaction.atomic
def create_roadmap(*, actor, title: str, scope: str, **details: Any) -> Roadmap:
    """Start a roadmap; its author becomes its first co-author. `details` takes the other
    fields (`objectives`, `thematic_area`, `forum`, `priority_topic`) and parts (`countries`,
    `gcm_objectives`, `actors`, `results`, `milestones`)."""
    require(actor, "champions.draft_roadmap")
    require(actor, "champions.write_roadmap_for_countries", details.get("countries", ()))
    _refuse_unknown_roadmap_details(details)
    roadmap = Roadmap.objects.create(
        title=title,
        scope=scope,
        **{name: details[name] for name in ROADMAP_FIELDS[2:] if name in details},
    )
    roadmap.co_authors.add(actor)
    _set_roadmap_parts(roadmap, details)
    record_event(actor=actor, action=AuditAction.CREATE, instance=roadmap)
    return roadmap


@transaction.atomic
def update_roadmap(*, actor, roadmap: Roadmap, **changes: Any) -> Roadmap:
    require(actor, "champions.edit_roadmap", roadmap)
    added = set(changes.get("countries", ())) - set(roadmap.countries.all())
    require(actor, "champions.write_roadmap_for_countries", added)
    _refuse_unknown_roadmap_details(changes)
    before = snapshot(roadmap)
    for name in ROADMAP_FIELDS:
        if name in changes:
            setattr(roadmap, name, changes[name])
    roadmap.save()
    _set_roadmap_parts(roadmap, changes)
    record_event(actor=actor, action=AuditAction.UPDATE, instance=roadmap, before=before)
    return roadmap


@transaction.atomic
def add_roadmap_co_author(*, actor, roadmap: Roadmap, co_author) -> Roadmap:
    """Invite another focal point to co-author; only a co-author (or the FMU) may invite."""
    require(actor, "champions.edit_roadmap", roadmap)
    from poolfund.champions.permissions import focal_point_country_ids

    if not focal_point_country_ids(co_author):
        raise RoadmapError(
            gettext("%(user)s is not a government focal point.") % {"user": co_author}
        )
    roadmap.co_authors.add(co_author)
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=roadmap,
        before=snapshot(roadmap),
        reason=f"co-author added: {co_author.get_username()}",
    )
    return roadmap


@transaction.atomic
def advance_roadmap_status(*, actor, roadmap: Roadmap) -> Roadmap:
    """Move a roadmap one step: draft → agreed → in proposal → funded."""
    require(actor, "champions.edit_roadmap", roadmap)
    next_status = ROADMAP_NEXT_STATUS.get(roadmap.status)
    if next_status is None:
        raise RoadmapError(gettext("This roadmap is funded: it has no further status."))
    before = snapshot(roadmap)
    roadmap.status = next_status
    roadmap.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action=AuditAction.TRANSITION, instance=roadmap, before=before)
    return roadmap


@transaction.atomic
def comment_on_roadmap(*, actor, roadmap: Roadmap, text: str) -> RoadmapComment:
    require(actor, "champions.comment_on_roadmap", roadmap)
    if not text.strip():
        raise RoadmapError(gettext("A comment cannot be empty."), fields={"text": ""})
    comment = RoadmapComment.objects.create(roadmap=roadmap, author=actor, text=text.strip())
    record_event(actor=actor, action=AuditAction.CREATE, instance=comment)
    return comment


@transaction.atomic
def record_good_practice(
    *,
    actor,
    title: str,
    country,
    description: str,
    objectives: Iterable = (),
    results: str = "",
    contact: str = "",
    links: Iterable[str] = (),
) -> GoodPractice:
    require(actor, "champions.record_good_practice", country)
    practice = GoodPractice.objects.create(
        title=title,
        country=country,
        description=description,
        results=results,
        contact=contact,
        links=list(links),
        recorded_by=actor,
    )
    practice.objectives.set(objectives)
    record_event(actor=actor, action=AuditAction.CREATE, instance=practice)
    return practice


def _concept_note_summary(roadmap: Roadmap) -> str:
    """The roadmap's scope, objectives, expected results and timeline as concept-note prose."""
    parts = [roadmap.scope.strip()]
    if roadmap.objectives:
        parts.append("Objectives:\n" + "\n".join(f"- {text}" for text in roadmap.objectives))
    results = [
        f"- {result.description}"
        + (f" (indicator: {result.indicator})" if result.indicator else "")
        for result in roadmap.results.all()
    ]
    if results:
        parts.append("Expected results:\n" + "\n".join(results))
    milestones = [f"- {m.due_on:%d %B %Y}: {m.description}" for m in roadmap.milestones.all()]
    if milestones:
        parts.append("Timeline:\n" + "\n".join(milestones))
    return "\n\n".join(parts)


def _actors_of_kind(roadmap: Roadmap, kinds: tuple[ActorKind, ...]) -> str:
    return "\n".join(
        f"{actor.name}: {actor.role}" for actor in roadmap.actors.all() if actor.kind in kinds
    )


@transaction.atomic
def propose_roadmap_as_concept_note(
    *,
    actor,
    roadmap: Roadmap,
    budget_lines: Sequence[tuple[Any, Decimal]],
    duration_months: int,
    gender_marker: int,
    human_rights_marker: int,
    child_sensitivity_marker: int,
    thematic_area=None,
):
    """Draft a concept note (programmes) from a roadmap, linked both ways, and move the roadmap
    to "in proposal". The roadmap gives the title, summary (scope, objectives, expected results,
    timeline), countries, GCM objectives, thematic area and the whole-of-government and
    whole-of-society actors; the caller adds what a roadmap does not hold: the budget split
    between participating UN organisations, the duration and the three markers."""
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    require(actor, "champions.edit_roadmap", roadmap)
    if roadmap.concept_note_id:
        raise RoadmapError(
            gettext("This roadmap is already concept note %(reference)s.")
            % {"reference": roadmap.concept_note.reference}
        )
    if roadmap.status == RoadmapStatus.FUNDED:
        raise RoadmapError(gettext("This roadmap is already funded."))
    thematic_area = thematic_area or roadmap.thematic_area
    if thematic_area is None:
        raise RoadmapError(
            gettext("Choose the thematic area the concept note is for."),
            fields={"thematic_area": ""},
        )
    content = ConceptNoteContent(
        title=roadmap.title,
        summary=_concept_note_summary(roadmap),
        thematic_area=thematic_area,
        objectives=list(roadmap.gcm_objectives.all()),
        requested_budget_usd=sum((amount for _org, amount in budget_lines), Decimal("0")),
        budget_lines=list(budget_lines),
        duration_months=duration_months,
        gender_marker=gender_marker,
        human_rights_marker=human_rights_marker,
        child_sensitivity_marker=child_sensitivity_marker,
        countries=list(roadmap.countries.all()),
        whole_of_government=_actors_of_kind(roadmap, (ActorKind.COUNTRY,)),
        whole_of_society=_actors_of_kind(roadmap, (ActorKind.CIVIL_SOCIETY,)),
        roadmap_reference=f"Champion roadmap {roadmap.pk}: {roadmap.title}"[:200],
    )
    note = draft_concept_note(actor=actor, content=content)
    before = snapshot(roadmap)
    roadmap.concept_note = note
    roadmap.status = RoadmapStatus.IN_PROPOSAL
    roadmap.save(update_fields=["concept_note", "status", "updated_at"])
    record_event(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=roadmap,
        before=before,
        reason=f"became concept note {note.reference}",
    )
    return note
