from django.db import models
from django.utils.translation import gettext_lazy as _


class Disaggregation(models.TextChoices):
    """The dimensions an indicator's values can be broken down by."""

    SEX = "sex", _("Sex")
    AGE = "age", _("Age group")
    MIGRATORY_STATUS = "migratory-status", _("Migratory status")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not stated")


class AgeGroup(models.TextChoices):
    CHILDREN = "0-17", _("0 to 17")
    ADULTS = "18-59", _("18 to 59")
    OLDER = "60+", _("60 and over")


class MigratoryStatus(models.TextChoices):
    MIGRANT = "migrant", _("Migrant")
    REFUGEE = "refugee", _("Refugee or asylum seeker")
    DISPLACED = "internally-displaced", _("Internally displaced")
    RETURNEE = "returnee", _("Returnee")
    HOST = "host-community", _("Host community")


GROUPS: dict[str, type[models.TextChoices]] = {
    Disaggregation.SEX: Sex,
    Disaggregation.AGE: AgeGroup,
    Disaggregation.MIGRATORY_STATUS: MigratoryStatus,
}
"""The groups each dimension breaks a value into."""

COMPACT = "gcm"
"""The framework whose objectives indicators serve: the Global Compact for Migration."""
