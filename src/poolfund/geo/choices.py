from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    REGION = "region", _("Region")
    SUB_REGION = "sub-region", _("Sub-region")
    INTERMEDIATE = "intermediate", _("Intermediate region")


class RegionalBodyKind(models.TextChoices):
    ECONOMIC_COMMUNITY = "economic-community", _("Regional economic community")
    CONSULTATIVE_PROCESS = "consultative-process", _("Regional consultative process on migration")
