"""Writes of the surveys put to the champion countries before a forum, and of their answers."""

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.champions.choices import QuestionKind, SurveyPhase
from poolfund.champions.models import (
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyTopic,
)
from poolfund.champions.notifications import tell_survey_opened
from poolfund.errors import DomainError


class SurveyError(DomainError):
    code = "survey"


def two_months_before(day: date) -> date:
    """The same day two months earlier, or the month's last day (30 April → 28/29 February)."""
    year, month = (day.year, day.month - 2) if day.month > 2 else (day.year - 1, day.month + 10)
    last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


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
