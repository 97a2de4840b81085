from django.db import models
from django.utils.translation import gettext_lazy as _


class DonorType(models.TextChoices):
    MEMBER_STATE = "member-state", _("Member State")
    FOUNDATION = "foundation", _("Foundation")
    NGO = "ngo", _("Non-governmental organisation")
    PRIVATE_SECTOR = "private-sector", _("Private sector")
    OTHER = "other", _("Other")


class Earmark(models.TextChoices):
    UNEARMARKED = "unearmarked", _("Unearmarked")
    THEMATIC_AREA = "thematic-area", _("Thematic area")
    COUNTRY = "country", _("Country (allowed by the Steering Committee)")
    REGION = "region", _("Region (allowed by the Steering Committee)")
