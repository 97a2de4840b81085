from django.db import models
from django.utils.translation import gettext_lazy as _


class Disaggregation(models.TextChoices):
    """The dimensions an indicator's values can be broken down by."""

    SEX = "sex", _("Sex")
    AGE = "age", _("Age")
    MIGRATORY_STATUS = "migratory-status", _("Migratory status")
