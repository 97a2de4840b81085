"""Good practices that countries share so that others can learn from them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GoodPractice(models.Model):
    """A practice a country recorded, tagged with the GCM objectives it serves."""

    title = models.CharField(_("title"), max_length=300)
    country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    objectives = models.ManyToManyField(
        "framework.Objective", blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    description = models.TextField(_("description"))
    results = models.TextField(_("results"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title
