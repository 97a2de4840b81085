"""Bringing a spreadsheet in: from the page (upload → preview → confirm, each a background job)
or from the command line (at once)."""

import hashlib
import io
from pathlib import Path

from django.db import connection, connections, transaction
from django.utils import translation

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import Conflict
from poolfund.imports.engine import ImportReport, Progress, check_header, import_file
from poolfund.imports.kinds import kind_named
from poolfund.imports.models import ImportStatus, SpreadsheetImport
from poolfund.imports.reading import FileRefused, open_sheet
from poolfund.jobs import enqueue

PROGRESS_EVERY = 500
"""Rows between two progress reports of a background import."""


def digest_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def upload_spreadsheet(
    *, actor, kind: str, name: str, content: bytes, language: str = "en"
) -> SpreadsheetImport:
    """Keep an uploaded file and queue its preview. A file that is not a readable spreadsheet
    of the kind's columns is refused here, before anything is kept."""
    require(actor, "imports.import_spreadsheet")
    template = kind_named(kind)
    check_header(template, open_sheet(io.BytesIO(content), sheet_name=template.slug).header)
    with transaction.atomic():
        upload = SpreadsheetImport.objects.create(
            kind=kind,
            original_name=name[:255],
            digest=digest_of(content),
            content=content,
            uploaded_by=actor,
            language=language,
            status=ImportStatus.PREVIEWING,
        )
        upload.job_id = enqueue("imports.run", upload_id=upload.pk, dry_run=True)
        upload.save(update_fields=["job_id"])
        record_event(actor=actor, action=AuditAction.CREATE, instance=upload)
    return upload


def confirm_import(*, actor, upload: SpreadsheetImport, skip_bad_rows: bool) -> SpreadsheetImport:
    """Queue the import of a previewed file (its good rows only, if asked)."""
    require(actor, "imports.import_spreadsheet", upload)
    with transaction.atomic():
        upload = SpreadsheetImport.objects.select_for_update().get(pk=upload.pk)
        if upload.status != ImportStatus.PREVIEWED:
            raise Conflict(
                translation.gettext("Only a checked file can be imported; this one is %s.")
                % upload.get_status_display().lower()
            )
        before = snapshot(upload)
        upload.skip_bad_rows = skip_bad_rows
        upload.status = ImportStatus.IMPORTING
        upload.rows_done = 0
        upload.job_id = enqueue("imports.run", upload_id=upload.pk, dry_run=False)
        upload.save(update_fields=["skip_bad_rows", "status", "rows_done", "job_id"])
        record_event(actor=actor, action=AuditAction.TRANSITION, instance=upload, before=before)
    return upload


def _progress_writer(upload: SpreadsheetImport) -> Progress:
    """Reports rows read on a connection of its own, so the page sees them while the import's
    transaction is still open (PostgreSQL; SQLite has one writer, so it is told at the end)."""
    if connection.vendor != "postgresql":
        return lambda done, total: None
    side = connections.create_connection("default")

    def report(done: int, total: int | None) -> None:
        if done % PROGRESS_EVERY and done != total:
            return
        with side.cursor() as cursor:
            cursor.execute(
                "UPDATE imports_spreadsheetimport SET rows_done = %s, rows_total = %s "
                "WHERE id = %s",
                [done, total, upload.pk],
            )

    return report


def run_upload(*, upload_id: int, dry_run: bool) -> dict:
    """The background job's work: preview or import an uploaded file, keep its report."""
    upload = SpreadsheetImport.objects.select_related("uploaded_by").get(pk=upload_id)
    with translation.override(upload.language):
        try:
            report = import_file(
                actor=upload.uploaded_by,
                upload=upload,
                file=io.BytesIO(bytes(upload.content)),
                dry_run=dry_run,
                progress=_progress_writer(upload),
            )
        except FileRefused as refused:
            upload.status = ImportStatus.REFUSED
            upload.report = {"refused": refused.message}
        else:
            upload.report = report.as_json()
            upload.rows_done = upload.rows_total = report.rows
            if dry_run:
                upload.status = ImportStatus.PREVIEWED
            else:
                upload.status = ImportStatus.IMPORTED if report.written else ImportStatus.REFUSED
    upload.save(update_fields=["status", "report", "rows_done", "rows_total"])
    return {"status": upload.status, "summary": upload.report.get("summary", "")}


def import_path(
    *,
    actor,
    kind: str,
    path: Path,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a file from disk at once (the command line). The import is kept as a
    `SpreadsheetImport` (without the file) when it writes."""
    content = path.read_bytes()
    upload = SpreadsheetImport(
        kind=kind,
        original_name=path.name,
        digest=digest_of(content),
        uploaded_by=actor,
        language=translation.get_language() or "en",
        skip_bad_rows=skip_bad_rows,
        status=ImportStatus.IMPORTING,
    )
    with transaction.atomic():
        if not dry_run:
            upload.save()
        report = import_file(
            actor=actor, upload=upload, file=io.BytesIO(content), dry_run=dry_run, progress=progress
        )
        if not dry_run:
            upload.status = ImportStatus.IMPORTED if report.written else ImportStatus.REFUSED
            upload.report = report.as_json()
            upload.rows_done = upload.rows_total = report.rows
            upload.save(update_fields=["status", "report", "rows_done", "rows_total"])
    return report
