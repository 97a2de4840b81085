from django.db import models
from django.utils.translation import gettext_lazy as _


class OverlapWarning(models.TextChoices):
    """What a close match in the portfolio may mean for a new piece of work."""

    POSSIBLE_DUPLICATION = "possible-duplication", _("Possible duplication")
    POSSIBLE_COLLABORATION = "possible-collaboration", _("Possible collaboration")


class SuggestionVerdict(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
