"""Importing one file of one kind: every row through the kind's services, in one transaction.

A file with any bad row writes nothing, unless the person asks for the good rows only
(`skip_bad_rows`); a dry run (the page's preview) writes nothing either but reports what the
import would do, row by row. The import that writes records an audit event on its
`SpreadsheetImport` with the file's SHA-256 digest, the counts and the rows it skipped.
"""

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from poolfund.accounts.policy import remember_role_assignments, require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.errors import DomainError
from poolfund.imports.kinds import kind_named
from poolfund.imports.kinds.base import Kind, Outcome, Row, RowError
from poolfund.imports.models import SpreadsheetImport
from poolfund.imports.reading import FileRefused, Sheet, open_sheet

IGNORED_COLUMNS = ("id", "ledger_transaction")
"""Columns of the exports that are database ids: ignored, so an export imports as it is."""
CHANGES_SHOWN = 500
"""Rows of a preview listed with their changes (the counts cover every row)."""
FLUSH_ROWS = 2000
"""Rows a kind may keep before writing them together (`Kind.flush`)."""

Progress = Callable[[int, int | None], None]


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    kind: str
    digest: str
    dry_run: bool
    skip_bad_rows: bool
    rows: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))
    problems: list[Problem] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    written: bool = False

    def summary(self) -> str:
        counts = _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
            name: self.counts[Outcome(name)] for name in ("created", "updated", "unchanged")
        }
        if self.counts[Outcome.REPLACED]:
            counts += ", " + ngettext(
                "%(count)d deposit reversed and posted again",
                "%(count)d deposits reversed and posted again",
                self.counts[Outcome.REPLACED],
            ) % {"count": self.counts[Outcome.REPLACED]}
        if self.problems:
            counts += "; " + ngettext(
                "%(count)d row with errors", "%(count)d rows with errors", self._bad_rows()
            ) % {"count": self._bad_rows()}
        if not self.written:
            counts += "; " + (
                _("nothing was written (a preview).")
                if self.dry_run and not self.problems
                else _("nothing was written.")
            )
        return counts

    def _bad_rows(self) -> int:
        return len({problem.row for problem in self.problems})

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["counts"] = {str(outcome): count for outcome, count in self.counts.items()}
        data["summary"] = self.summary()
        return data


class _Rollback(Exception):
    pass


def check_header(kind: Kind, header: list[str]) -> list[str]:
    """The file's column names, checked: every required column is there, and no column is
    unknown (a misspelt column would otherwise be lost without a word)."""
    known = set(kind.header()) | set(IGNORED_COLUMNS)
    unknown = [name for name in header if name and name not in known]
    if unknown:
        raise FileRefused(
            _("Unknown columns: %(columns)s. The %(kind)s template's columns are: %(known)s.")
            % {
                "columns": ", ".join(unknown),
                "kind": kind.title,
                "known": ", ".join(kind.header()),
            }
        )
    missing = [
        column.name
        for column in kind.columns
        if column.required and not column.read_only and column.name not in header
    ]
    if missing:
        raise FileRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return header


def _problems_of(error: DomainError, header: list[str]) -> list[tuple[str, str]]:
    columns = [name for name in error.fields if name in header]
    return [(columns[0] if columns else "", error.message)]


def import_file(
    *,
    actor,
    upload: SpreadsheetImport,
    file: IO[bytes],
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import (or, with `dry_run`, preview) the file of `upload`; raises `FileRefused` for a
    file that is not read at all."""
    require(actor, "imports.import_spreadsheet")
    remember_role_assignments(actor)  # each row's service checks the importer's right again
    kind = kind_named(upload.kind)
    sheet = open_sheet(file, sheet_name=kind.slug)
    header = check_header(kind, sheet.header)
    report = ImportReport(
        kind=kind.slug, digest=upload.digest, dry_run=dry_run, skip_bad_rows=upload.skip_bad_rows
    )
    try:
        with transaction.atomic():
            kind.prepare()
            _import_rows(kind, sheet, header, report, actor=actor, progress=progress)
            if dry_run or (report.problems and not upload.skip_bad_rows):
                raise _Rollback
            report.written = True
            record_event(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=upload,
                reason=_audit_reason(upload, report),
                actor_label="" if actor else "cli: import spreadsheet",
            )
    except _Rollback:
        pass
    return report


def _import_rows(
    kind: Kind, sheet: Sheet, header: list[str], report: ImportReport, *, actor, progress
) -> None:
    for number, values in sheet.rows:
        report.rows += 1
        row = Row(number, dict(zip(header, values, strict=False)))
        try:
            with transaction.atomic() if kind.savepoint_per_row else nullcontext():
                applied = kind.apply(row, actor=actor)
        except RowError as error:
            report.problems.append(Problem(number, error.column, error.message))
        except DomainError as error:
            for column, message in _problems_of(error, header):
                report.problems.append(Problem(number, column, message))
        else:
            report.counts[applied.outcome] += 1
            if applied.outcome != Outcome.UNCHANGED and len(report.changes) < CHANGES_SHOWN:
                report.changes.append(
                    {
                        "row": number,
                        "key": str(row.values.get(kind.key, "")),
                        "outcome": str(applied.outcome),
                        "changes": {
                            name: [str(a), str(b)] for name, (a, b) in applied.changes.items()
                        },
                    }
                )
        if report.rows % FLUSH_ROWS == 0:
            kind.flush(actor=actor)
        if progress is not None:
            progress(report.rows, sheet.size)
    kind.flush(actor=actor)


def _audit_reason(upload: SpreadsheetImport, report: ImportReport) -> str:
    reason = (
        f"spreadsheet import of {upload.kind} from {upload.original_name} "
        f"(sha256 {upload.digest}): {report.summary()}"
    )
    if report.problems:
        skipped = sorted({problem.row for problem in report.problems})
        reason += f"; good rows only, skipped rows {', '.join(map(str, skipped))}"
    return reason
