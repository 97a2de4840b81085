"""Countries (ISO 3166), UN M49 regions, and regional bodies such as CARICOM or the RCM."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from poolfund.geo.choices import RegionalBodyKind, RegionLevel


class Region(models.Model):
    """A UN M49 geographic region, sub-region or intermediate region (e.g. 419, 029)."""

    m49_code = models.CharField(_("M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=20, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Country(models.Model):
    """A country or territory with its ISO 3166 codes and its place in the UN M49 regions."""

    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    m49_code = models.CharField(_("M49 code"), max_length=3)
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    sub_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    intermediate_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        language = (get_language() or "en").split("-")[0]
        return self.translations.get(language, {}).get("name", self.name)


class RegionalBody(models.Model):
    """A named group of countries: an economic community (CARICOM) or a migration process (RCM)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=RegionalBodyKind.choices)
    members = models.ManyToManyField(Country, related_name="regional_bodies", blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("regional body")
        verbose_name_plural = _("regional bodies")

    def __str__(self) -> str:
        return self.acronym
