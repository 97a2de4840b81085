"""The policy framework a fund serves (the GCM for the Migration MPTF), held as data."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def translated(translations: dict, field: str, original: str) -> str:
    """`field` in the active language from a `{language: {field: text}}` map, else the original."""
    language = (get_language() or "en").split("-")[0]
    return translations.get(language, {}).get(field, original)


class Framework(models.Model):
    """A policy framework whose objectives a fund finances, such as the GCM."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.short_name


class ThematicArea(models.Model):
    """A cluster of objectives towards which donors may earmark and the fund reports."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="thematic_areas"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    description = models.TextField(_("description"))
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, help_text=_("{language: {field: text}}")
    )

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"],
                name="thematic_area_number_unique_in_framework",
                violation_error_message=_(
                    "A framework cannot have two thematic areas with the same number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"TA{self.number}"

    @property
    def localized_description(self) -> str:
        return translated(self.translations, "description", self.description)


class Objective(models.Model):
    """One objective of a framework; in no thematic area when it is cross-cutting (GCM 23)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField(_("number"))
    short_label = models.CharField(_("short label"), max_length=80)
    title = models.CharField(_("official title"), max_length=300)
    thematic_area = models.ForeignKey(
        ThematicArea,
        on_delete=models.PROTECT,
        related_name="objectives",
        null=True,
        blank=True,
        verbose_name=_("thematic area"),
    )
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, help_text=_("{language: {field: text}}")
    )

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"],
                name="objective_number_unique_in_framework",
                violation_error_message=_(
                    "A framework cannot have two objectives with the same number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_label}"

    @property
    def is_cross_cutting(self) -> bool:
        return self.thematic_area_id is None

    @property
    def localized_title(self) -> str:
        """The official title in the active language, falling back to the original."""
        return translated(self.translations, "title", self.title)


class GuidingPrinciple(models.Model):
    """A cross-cutting principle that every action under the framework observes."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="guiding_principles"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"],
                name="principle_number_unique_in_framework",
                violation_error_message=_(
                    "A framework cannot have two principles with the same number."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name
