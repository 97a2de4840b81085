"""Forums of the champion countries: who took part, what they sought and what they said."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from poolfund.champions.choices import ParticipantKind


class Forum(models.Model):
    """A regional forum of the champion countries (e.g. the II Forum, El Salvador, 2024)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    host_country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)

    class Meta:
        ordering = ["year", "starts_on"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="forum_ends_after_it_starts",
                violation_error_message=_("A forum cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def place(self) -> str:
        return ", ".join(str(part) for part in (self.city, self.host_country) if part)


class ForumParticipant(models.Model):
    """A country, organisation or civil-society network that took part in a forum."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=20, choices=ParticipantKind.choices)
    country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        ordering = ["forum", "kind", "name"]
        verbose_name = _("forum participant")
        verbose_name_plural = _("forum participants")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ParticipantKind.COUNTRY) | Q(country__isnull=False),
                name="country_participant_names_its_country",
                violation_error_message=_("A participating country must name the country."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.country) if self.country_id else self.name


class KeyMessage(models.Model):
    """One key message of a forum, or a sub-point of one (`parent`), in the order given."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="key_messages")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_points"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["forum", "parent_id", "position"]
        verbose_name = _("key message")
        verbose_name_plural = _("key messages")

    def __str__(self) -> str:
        return self.text[:80]


class ForumDocument(models.Model):
    """A document of a forum: agenda, key messages, report; a link or an uploaded file."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), blank=True)
    file = models.FileField(_("file"), upload_to="champions/forums/", blank=True)

    class Meta:
        ordering = ["forum", "title"]
        verbose_name = _("forum document")
        verbose_name_plural = _("forum documents")

    def __str__(self) -> str:
        return self.title
