from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    ANNUAL_PROGRESS = "annual-progress", _("Annual progress report")
    ANNUAL_FINANCIAL = "annual-financial", _("Annual financial report")
    FINAL_NARRATIVE = "final-narrative", _("Final narrative report")
    FINAL_FINANCIAL = "final-financial", _("Final financial report")


FINANCIAL_KINDS = frozenset({ReportKind.ANNUAL_FINANCIAL, ReportKind.FINAL_FINANCIAL})
"""Kinds each participating organisation reports for itself; the others are the programme's."""

NARRATIVE_KINDS = frozenset({ReportKind.ANNUAL_PROGRESS, ReportKind.FINAL_NARRATIVE})


class ReportStatus(models.TextChoices):
    """Stored states. "Overdue" is not one: it is derived from the due date and the status."""

    DUE = "due", _("Due")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")


OUTSTANDING = frozenset({ReportStatus.DUE, ReportStatus.RETURNED})
"""States in which the organisation owes the report (it may be edited and submitted)."""


class ReportEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")
    REVISION = "revision", _("Revision of an accepted report started")
