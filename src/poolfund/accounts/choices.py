from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles a person may hold in PoolFund; each assignment may be scoped and dated."""

    FMU = "fmu", _("Fund Management Unit")
    STEERING_COMMITTEE = "steering-committee", _("Steering Committee member")
    DONOR_FOCAL_POINT = "donor-focal-point", _("Donor focal point")
    ORGANISATION_FOCAL_POINT = (
        "organisation-focal-point",
        _("Participating UN organisation focal point"),
    )
    GOVERNMENT_FOCAL_POINT = "government-focal-point", _("Government focal point")
    CIVIL_SOCIETY = "civil-society", _("Civil-society representative")
