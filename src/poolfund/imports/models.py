"""One spreadsheet brought in (from the page or the command line): its file, what it is of,
where it stands, and the report of its preview or import."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PREVIEWING = "previewing", _("Checking")
    PREVIEWED = "previewed", _("Checked")
    IMPORTING = "importing", _("Importing")
    IMPORTED = "imported", _("Imported")
    REFUSED = "refused", _("Refused")


class SpreadsheetImport(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    original_name = models.CharField(_("file name"), max_length=255)
    digest = models.CharField(_("SHA-256 of the file"), max_length=64)
    content = models.BinaryField(_("file"), null=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    skip_bad_rows = models.BooleanField(_("import the good rows only"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    job_id = models.CharField(_("job"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    audit_excluded_fields = ("content",)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"

    @property
    def percent_done(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)
