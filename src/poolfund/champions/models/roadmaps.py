"""Roadmaps that the champion countries draft for a priority topic, and that become proposals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from poolfund.champions.choices import ActorKind, RoadmapStatus


class Roadmap(models.Model):
    """A plan for a priority topic: scope, objectives, key actors, expected results and a
    timeline, co-authored by the focal points of several countries."""

    title = models.CharField(_("title"), max_length=300)
    forum = models.ForeignKey(
        "champions.Forum", on_delete=models.PROTECT, null=True, blank=True, related_name="roadmaps"
    )
    priority_topic = models.ForeignKey(
        "champions.SurveyTopic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmaps",
    )
    scope = models.TextField(_("scope"))
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    gcm_objectives = models.ManyToManyField(
        "framework.Objective", blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    thematic_area = models.ForeignKey(
        "framework.ThematicArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thematic area"),
    )
    countries = models.ManyToManyField("geo.Country", related_name="+", blank=True)
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="co_authored_roadmaps", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RoadmapStatus.choices, default=RoadmapStatus.DRAFT
    )
    concept_note = models.OneToOneField(
        "programmes.ConceptNote",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmap",
        verbose_name=_("concept note it became"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self) -> str:
        return self.title


class RoadmapActor(models.Model):
    """A key actor of a roadmap and the role it plays."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    role = models.TextField(_("role"))

    class Meta:
        ordering = ["roadmap", "kind", "name"]
        verbose_name = _("key actor")
        verbose_name_plural = _("key actors")

    def __str__(self) -> str:
        return self.name


class RoadmapResult(models.Model):
    """An expected result of a roadmap, measured by an indicator where one exists."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveSmallIntegerField(_("position"))
    description = models.TextField(_("expected result"))
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)

    class Meta:
        ordering = ["roadmap", "position"]
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")

    def __str__(self) -> str:
        return self.description[:80]


class RoadmapMilestone(models.Model):
    """A step of a roadmap's timeline."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="milestones")
    due_on = models.DateField(_("due on"))
    description = models.CharField(_("milestone"), max_length=300)

    class Meta:
        ordering = ["roadmap", "due_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.description


class RoadmapComment(models.Model):
    """A comment on a roadmap, e.g. from a civil-society representative."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["roadmap", "created_at"]
        verbose_name = _("roadmap comment")
        verbose_name_plural = _("roadmap comments")

    def __str__(self) -> str:
        return f"{self.author} on {self.roadmap}"
