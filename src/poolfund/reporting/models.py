"""The reporting calendar: every report a Joint Programme owes (annual progress and financial
reports, the final narrative and financial reports), when it is due, where it stands, the FMU's
moves of its due date and the review events. What a report holds (indicator values, expenditure
by category) lives in the app that owns that content; see `reporting.contents`."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from poolfund.reporting.choices import (
    FINANCIAL_KINDS,
    OUTSTANDING,
    ReportEventKind,
    ReportKind,
    ReportStatus,
)


class ScheduledReportQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date | None = None) -> "ScheduledReportQuerySet":
        """Reports past their due date that the organisation still owes: due or returned for
        revision, and never accepted (a revision of an accepted report is not overdue)."""
        today = today or datetime.date.today()
        return self.filter(status__in=OUTSTANDING, due_on__lt=today, accepted_at__isnull=True)

    def outstanding(self) -> "ScheduledReportQuerySet":
        return self.filter(status__in=OUTSTANDING)


class ScheduledReport(models.Model):
    """One report a programme owes for a period: the programme's narrative reports, or one
    organisation's financial report."""

    programme = models.ForeignKey(
        "programmes.JointProgramme", on_delete=models.PROTECT, related_name="scheduled_reports"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReportKind.choices)
    organisation = models.ForeignKey(
        "programmes.ParticipatingOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scheduled_reports",
        help_text=_("The organisation a financial report is from; empty for narrative reports."),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    calendar_due_on = models.DateField(
        _("due by the calendar"), help_text=_("The due date the settings give for the period.")
    )
    due_on = models.DateField(
        _("due on"), db_index=True, help_text=_("The calendar's date, or the FMU's move of it.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DUE,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("last submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("first accepted at"), null=True, blank=True)

    objects = ScheduledReportQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "programme", "kind", "organisation"]
        verbose_name = _("scheduled report")
        verbose_name_plural = _("scheduled reports")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "organisation", "period_end"],
                name="scheduled_report_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["programme", "kind", "period_end"],
                condition=Q(organisation__isnull=True),
                name="scheduled_report_once_per_programme",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=sorted(FINANCIAL_KINDS), organisation__isnull=False)
                | (~Q(kind__in=sorted(FINANCIAL_KINDS)) & Q(organisation__isnull=True)),
                name="financial_reports_name_their_organisation",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        who = f" {self.organisation}" if self.organisation_id else ""
        return f"{self.programme.code} {self.get_kind_display()}{who} to {self.period_end}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return self.status in OUTSTANDING and self.due_on < today and self.accepted_at is None

    @property
    def is_open_for_entry(self) -> bool:
        """Its content may be entered or changed (it is due or returned for revision)."""
        return self.status in OUTSTANDING


class DueDateMove(models.Model):
    """The FMU moving a report's due date, with the reason."""

    report = models.ForeignKey(ScheduledReport, on_delete=models.CASCADE, related_name="moves")
    moved_from = models.DateField(_("from"))
    moved_to = models.DateField(_("to"))
    reason = models.TextField(_("reason"))
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moved_at = models.DateTimeField(_("moved at"), auto_now_add=True)

    class Meta:
        ordering = ["moved_at", "pk"]
        verbose_name = _("due date move")
        verbose_name_plural = _("due date moves")

    def __str__(self) -> str:
        return f"{self.report}: {self.moved_from} → {self.moved_to}"


class ReportEvent(models.Model):
    """A step of a report's review: submitted, returned with comments, accepted, revision."""

    report = models.ForeignKey(ScheduledReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=ReportEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self) -> str:
        return f"{self.report}: {self.get_kind_display()}"


class ReportAttachment(models.Model):
    """A PDF, DOCX or XLSX document attached to a report, recognised by its content."""

    report = models.ForeignKey(
        ScheduledReport, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/")
    original_name = models.CharField(_("original name"), max_length=255)
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
