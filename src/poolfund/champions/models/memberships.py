"""Which countries are GCM Champion Countries, when, and who co-chairs the initiative."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DatedQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "DatedQuerySet":
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class ChampionMembership(models.Model):
    """A country's time as a GCM Champion Country in the Americas (open-ended while it lasts)."""

    country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, related_name="champion_memberships"
    )
    starts_on = models.DateField(_("member from"))
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "starts_on"]
        verbose_name = _("champion-country membership")
        verbose_name_plural = _("champion-country memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "starts_on"],
                name="champion_membership_unique_start",
                violation_error_message=_("This country already has a membership from that day."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="champion_membership_ends_after_it_starts",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} (from {self.starts_on:%Y-%m-%d})"


class CoChairTerm(models.Model):
    """One country's term as co-chair of the initiative. Terms last a year and at most two
    countries co-chair on any day; `appoint_co_chair` enforces both. A co-chair may come from
    outside the region (Morocco), so it need not be a champion country of the Americas."""

    country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "country__name"]
        verbose_name = _("co-chair term")
        verbose_name_plural = _("co-chair terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="co_chair_term_ends_after_it_starts",
                violation_error_message=_("A term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} ({self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d})"
