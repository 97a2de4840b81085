"""Priority-topic surveys that champion countries answer before a forum."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from poolfund.champions.choices import QuestionKind, SurveyPhase


class Survey(models.Model):
    """A survey open to the focal points of the champion countries from `opens_on` to
    `closes_on` (both included), usually two months before its forum."""

    forum = models.ForeignKey(
        "champions.Forum", on_delete=models.PROTECT, related_name="surveys", null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on"]
        verbose_name = _("priority-topic survey")
        verbose_name_plural = _("priority-topic surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
                violation_error_message=_("A survey cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase_on(self, day: date) -> SurveyPhase:
        if day < self.opens_on:
            return SurveyPhase.NOT_YET_OPEN
        if day > self.closes_on:
            return SurveyPhase.CLOSED
        return SurveyPhase.OPEN


class SurveyTopic(models.Model):
    """A candidate priority topic, tagged with the GCM objectives it serves."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="topics")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    objectives = models.ManyToManyField(
        "framework.Objective", blank=True, related_name="+", verbose_name=_("GCM objectives")
    )

    class Meta:
        ordering = ["survey", "position"]
        verbose_name = _("survey topic")
        verbose_name_plural = _("survey topics")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "title"],
                name="survey_topic_title_unique",
                violation_error_message=_("This survey already has a topic with that title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    """A question: single or multiple choice among `options`, a ranking of the survey's
    topics, or free text."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text = models.TextField(_("question"))
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["survey", "position"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.text[:80]


class SurveyResponse(models.Model):
    """A champion country's one answer to a survey, editable until the survey closes."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["survey", "country__name"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "country"],
                name="one_survey_response_per_country",
                violation_error_message=_("This country has already answered this survey."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} — {self.country}"


class SurveyAnswer(models.Model):
    """The answer to one question: chosen options, topic ids in ranked order, or text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(_("choices"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["response", "question__position"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                name="one_answer_per_question",
                violation_error_message=_("This question is already answered in this response."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response}: {self.question}"
