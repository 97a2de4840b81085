from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How a person wants one kind of message: each is always kept in their inbox."""

    NOW = "now", _("E-mail now")
    DIGEST = "digest", _("In the weekly digest")
    NEVER = "never", _("Never by e-mail")


class ReminderStage(models.TextChoices):
    MONTH_BEFORE = "30-days", _("30 days before")
    WEEK_BEFORE = "7-days", _("7 days before")
    MISSED = "missed", _("missed")
