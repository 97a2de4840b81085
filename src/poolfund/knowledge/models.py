"""What PoolFund knows from what everyone writes: one searchable document per record of any
registered kind, the good practices and lessons people share, and feedback on suggestions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from poolfund.framework.models import Objective, ThematicArea
from poolfund.geo.models import Country, RegionalBody
from poolfund.knowledge.choices import SuggestionVerdict


class KnowledgeDocument(models.Model):
    """The searchable text and facets of one record (an objective, a practice, a programme…),
    kept by the indexer from the record's adapter; never edited by hand."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=64, help_text=_("The record's id or code."))
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    countries = models.ManyToManyField(Country, related_name="+", blank=True)
    regional_bodies = models.ManyToManyField(RegionalBody, related_name="+", blank=True)
    objectives = models.ManyToManyField(Objective, related_name="+", blank=True)
    thematic_areas = models.ManyToManyField(ThematicArea, related_name="+", blank=True)
    organisations = models.JSONField(_("organisations"), default=list, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.CharField(_("URL"), max_length=300, blank=True)
    same_work = models.JSONField(
        _("same work"),
        default=list,
        blank=True,
        help_text=_("[kind, key] of records that are this work in another form."),
    )
    embedding = models.BinaryField(_("embedding"), null=True, blank=True)
    embedding_model = models.CharField(_("embedding model"), max_length=100, blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("knowledge document")
        verbose_name_plural = _("knowledge documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                name="knowledge_document_unique_per_record",
                violation_error_message=_("A record has one knowledge document only."),
            )
        ]
        indexes = [models.Index(fields=["year"]), models.Index(fields=["indexed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}: {self.title}"


class KnowledgeIndexState(models.Model):
    """One row whose version changes with every change to the documents, so that processes
    know cheaply when their in-memory vectors are out of date. The version is random, not a
    counter: a rolled-back change must never leave a number that a later change reuses."""

    version = models.CharField(_("version"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("knowledge index state")
        verbose_name_plural = _("knowledge index state")

    def __str__(self) -> str:
        return f"knowledge index version {self.version}"


class ExchangeRecord(models.Model):
    """What a practice and a lesson share: the structured story of a piece of work."""

    title = models.CharField(_("title"), max_length=300)
    problem = models.TextField(_("problem"))
    what_was_done = models.TextField(_("what was done"))
    results = models.TextField(_("results"), blank=True)
    conditions_for_transfer = models.TextField(
        _("conditions for transfer"),
        blank=True,
        help_text=_("What another country needs for this to work there."),
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    organisations = models.JSONField(
        _("organisations"), default=list, blank=True, help_text=_("Names of those involved.")
    )
    countries = models.ManyToManyField(Country, related_name="+", blank=True)
    objectives = models.ManyToManyField(Objective, related_name="+", blank=True)
    programmes = models.ManyToManyField(
        "programmes.JointProgramme",
        related_name="%(class)ss",
        blank=True,
        verbose_name=_("Joint Programmes"),
    )
    roadmaps = models.ManyToManyField(
        "champions.Roadmap", related_name="%(class)ss", blank=True, verbose_name=_("roadmaps")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class Practice(ExchangeRecord):
    """A good practice a government, an organisation or civil society offers to others."""

    class Meta(ExchangeRecord.Meta):
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")


class Lesson(ExchangeRecord):
    """A lesson learned from a piece of work, including what did not work."""

    lesson = models.TextField(_("lesson learned"))

    class Meta(ExchangeRecord.Meta):
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")


class ObjectiveSuggestionFeedback(models.Model):
    """A person's verdict on a suggested GCM objective for a text; accepted ones become
    labelled examples for later suggestions."""

    text = models.TextField(_("text"))
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="+", verbose_name=_("objective")
    )
    confidence = models.FloatField(_("confidence when suggested"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=20, choices=SuggestionVerdict.choices)
    document = models.ForeignKey(
        KnowledgeDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("objective suggestion feedback")
        verbose_name_plural = _("objective suggestion feedback")

    def __str__(self) -> str:
        return f"{self.get_verdict_display()}: objective {self.objective_id}"
