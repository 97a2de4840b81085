"""Importing IATI activity files into external activities.

Each file is imported in one transaction: a file that turns out not to be well-formed (a
truncated download fails only at its end) leaves nothing behind. Activities are written in
batches of `BATCH_SIZE`, keyed by (reporting organisation, IATI identifier); an activity whose
content is unchanged since the last import is not rewritten, and a file unchanged since its
last import is not read again (`file_digest`). Nothing of an activity is kept beyond its batch.
"""

import datetime
import hashlib
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db import DatabaseError, connections, models, transaction
from django.utils import timezone
from tqdm import tqdm

from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.geo.models import Country, Region
from poolfund.iati import worker_process
from poolfund.iati.bulk import insert_rows
from poolfund.iati.choices import ProblemKind
from poolfund.iati.errors import IatiFileRefused
from poolfund.iati.models import (
    ExternalActivity,
    ExternalActivityProblem,
    ExternalBudget,
    ExternalParticipatingOrg,
    ExternalRecipientCountry,
    ExternalRecipientRegion,
    ExternalSector,
    ExternalTransaction,
    IatiImport,
)
from poolfund.iati.reader import ActivityRecord, Problem, read_activities, read_header
from poolfund.jobs import enqueue

BATCH_SIZE = 500
# Each part of an activity: its model, and the attribute of ActivityRecord that holds its values.
PARTS = (
    (ExternalParticipatingOrg, "participating_orgs"),
    (ExternalRecipientCountry, "recipient_countries"),
    (ExternalRecipientRegion, "recipient_regions"),
    (ExternalSector, "sectors"),
    (ExternalBudget, "budgets"),
    (ExternalTransaction, "transactions"),
    (ExternalActivityProblem, "problems"),
)
SKIPPED_REASON = (
    "skipped: an activity needs an iati-identifier (at most 300 characters) and a "
    "reporting-org/@ref (at most 200)"
)


@dataclass
class ReportedProblem:
    activity: str
    line: int | None
    kind: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "no line"
        return f"{self.activity or '(file)'} ({where}) [{self.kind}] {self.message}"


@dataclass
class FileImportReport:
    path: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[ReportedProblem] = field(default_factory=list)
    refused: str = ""

    def note(self, activity: str, problems: Iterable[Problem]) -> None:
        self.problems.extend(
            ReportedProblem(activity, problem.line, problem.kind, problem.message)
            for problem in problems
        )

    def summary(self) -> str:
        if self.refused:
            return f"{self.path}: REFUSED, nothing written. {self.refused}"
        return (
            f"{self.path}: {self.read} activities read, {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.skipped} skipped, "
            f"{len(self.problems)} problems"
        )


def iati_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The files named, and the .xml files under the directories named, in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() == ".xml")
        else:
            yield path


def _can_be_keyed(record: ActivityRecord) -> bool:
    return 0 < len(record.iati_identifier) <= 300 and 0 < len(record.reporting_org_ref) <= 200


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


class _ActivityWriter:
    """Writes activity records in batches: one query finds what exists, bulk inserts do the rest.

    Nothing of an activity outlives its batch, so memory stays flat whatever the file size."""

    def __init__(self, report: FileImportReport, log: IatiImport) -> None:
        self.report, self.log = report, log
        self.pending: dict[tuple[str, str], ActivityRecord] = {}
        self.country_ids = dict(Country.objects.values_list("iso2", "pk"))
        self.region_ids = dict(Region.objects.values_list("m49_code", "pk"))

    def add(self, record: ActivityRecord) -> None:
        key = (record.reporting_org_ref, record.iati_identifier)
        if key in self.pending:
            self.flush()
        self.pending[key] = record
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        records, self.pending = self.pending, {}
        existing = {
            (ref, identifier): (pk, content_hash)
            for pk, ref, identifier, content_hash in ExternalActivity.objects.filter(
                iati_identifier__in={identifier for _ref, identifier in records}
            ).values_list("pk", "reporting_org_ref", "iati_identifier", "content_hash")
        }
        new, changed = [], []
        for key, record in records.items():
            fingerprint = record.content_hash()
            pk, current_hash = existing.get(key, (None, None))
            if current_hash == fingerprint:
                self.report.unchanged += 1
                continue
            activity = self.activity(record, fingerprint, pk=pk)
            (changed if pk else new).append(activity)
        ExternalActivity.objects.bulk_create(new)
        if changed:
            changed_ids = [activity.pk for activity in changed]
            for model, _attribute in PARTS:
                model.objects.filter(activity_id__in=changed_ids).delete()
            ExternalActivity.objects.bulk_update(changed, UPDATED_FIELDS)
        self.report.created += len(new)
        self.report.updated += len(changed)
        self.write_parts(
            [(activity.pk, records[activity_key(activity)]) for activity in new + changed]
        )

    def activity(
        self, record: ActivityRecord, fingerprint: str, pk: int | None
    ) -> ExternalActivity:
        last_updated = (
            datetime.datetime.fromisoformat(record.last_updated) if record.last_updated else None
        )
        return ExternalActivity(
            pk=pk,
            reporting_org_ref=record.reporting_org_ref,
            reporting_org_name=record.reporting_org_name[:500],
            reporting_org_type=record.reporting_org_type[:4],
            iati_identifier=record.iati_identifier,
            title=record.title,
            description=record.description,
            language=record.language[:10],
            default_currency=record.default_currency[:3],
            activity_status=record.activity_status[:2],
            planned_start=_date(record.dates.get("planned_start", "")),
            actual_start=_date(record.dates.get("actual_start", "")),
            planned_end=_date(record.dates.get("planned_end", "")),
            actual_end=_date(record.dates.get("actual_end", "")),
            last_updated=last_updated,
            results=record.results,
            source_file=self.log.source_file,
            source_line=record.line,
            content_hash=fingerprint,
            last_import=self.log,
            updated_at=timezone.now(),
        )

    def write_parts(self, pairs: list[tuple[int, ActivityRecord]]) -> None:
        """Every part of these activities, as plain rows (no model instances: see `bulk`)."""
        for model, attribute in PARTS:
            columns, row = _row_maker(model)
            countries, regions = self.country_ids, self.region_ids
            rows = [
                row(activity_id, _values(item), countries, regions)
                for activity_id, record in pairs
                for item in getattr(record, attribute)
            ]
            insert_rows(model._meta.db_table, columns, rows)


def _values(item: dict | Problem) -> dict:
    return item if isinstance(item, dict) else vars(item)


# How a part's row finds the country or the M49 region it names, when we know it.
LINKS = {
    "country": 'country_ids.get(values["code"])',
    "region": '(region_ids.get(values["code"].zfill(3)) if values["vocabulary"] == "2" else None)',
}


@cache
def _row_maker(model: type[models.Model]) -> tuple[list[str], Callable[..., tuple]]:
    """The columns of a part's table, and a function making one row of them from the reader's
    values: `row(activity_id, values, country_ids, region_ids)`.

    This runs for every part of every activity (a hundred rows an activity in real files), so
    the function is compiled from one tuple expression, as `namedtuple` does, instead of
    looping over converters: dates and decimals are the reader's checked text or NULL, text is
    cut to its column, links are looked up by code."""
    columns, expressions = ["activity_id"], ["activity_id"]
    for model_field in model._meta.concrete_fields:
        name = model_field.name
        if model_field.primary_key or name == "activity" or name in LINKS:
            continue
        if isinstance(model_field, models.DateField | models.DecimalField):
            expression = f"(values[{name!r}] or None)"
        elif isinstance(model_field, models.CharField):
            expression = f"values[{name!r}][:{model_field.max_length}]"
        else:
            expression = f"values[{name!r}]"
        columns.append(model_field.column)
        expressions.append(expression)
    for name, expression in LINKS.items():
        if any(model_field.name == name for model_field in model._meta.concrete_fields):
            columns.append(f"{name}_id")
            expressions.append(expression)
    source = f"lambda activity_id, values, country_ids, region_ids: ({', '.join(expressions)},)"
    return columns, eval(source)  # built from field names only, never from the file


def activity_key(activity: ExternalActivity) -> tuple[str, str]:
    return (activity.reporting_org_ref, activity.iati_identifier)


UPDATED_FIELDS = [
    field.name
    for field in ExternalActivity._meta.concrete_fields
    if field.name not in {"id", "reporting_org_ref", "iati_identifier", "imported_at"}
]
IMPORTER_VERSION = "2"
"""Part of every file's digest: a change to what the importer keeps makes files read again."""


def file_digest(path: Path, *, validate: bool) -> str:
    """The SHA-256 of the file's bytes and of how it is read (the schema check or not)."""
    digest = hashlib.sha256(f"poolfund-iati {IMPORTER_VERSION} schema={validate}\n".encode())
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _unchanged_since(path: Path, digest: str) -> IatiImport | None:
    """The last import of this very file if nothing of it changed since: the same bytes, and
    every activity it held still holding its content (no other file rewrote one of them).
    A file whose activities were not all its own (a key twice, or content that another file
    had written already) is never skipped: only reading it again gives the same report."""
    last = IatiImport.objects.filter(source_file=str(path)).order_by("-pk").first()
    if last is None or last.file_digest != digest:
        return None
    if last.holding != last.activities_read - last.skipped:
        return None
    if ExternalActivity.objects.filter(source_file=str(path)).count() != last.holding:
        return None
    return last


def _report_again(last: IatiImport, report: FileImportReport) -> None:
    """The report of an unchanged file: what its last import found, every activity unchanged."""
    report.read, report.skipped = last.activities_read, last.skipped
    report.unchanged = last.activities_read - last.skipped
    report.problems = [ReportedProblem(*problem) for problem in last.problem_list]


def _read_and_write(
    path: Path, report: FileImportReport, log: IatiImport, *, progress: bool, validate: bool
) -> None:
    with tqdm(
        total=path.stat().st_size,
        unit="B",
        unit_scale=True,
        desc=path.name,
        file=sys.stderr,
        disable=None if progress else True,  # None: only on a terminal
    ) as bar:
        writer = _ActivityWriter(report, log)
        for record in read_activities(path, validate=validate, on_read=bar.update):
            report.read += 1
            report.note(record.iati_identifier, record.problems)
            if not _can_be_keyed(record):
                report.skipped += 1
                report.note(
                    record.iati_identifier,
                    [Problem(ProblemKind.MAPPING, record.line, SKIPPED_REASON)],
                )
                continue
            writer.add(record)
        writer.flush()


def import_iati_file(
    *, path: Path | str, actor=None, progress: bool = False, validate: bool = True
) -> FileImportReport:
    """Import one IATI activity file. A refused file is reported, with nothing written.

    A file whose bytes are those of its last import, with its activities untouched since, is
    not read again: its report is the last one, every activity unchanged. The activities
    created or changed are indexed as knowledge by a background job once the file commits."""
    path = Path(path)
    report = FileImportReport(path=str(path))
    try:
        header = read_header(path)
        digest = file_digest(path, validate=validate)
        with transaction.atomic():
            last = _unchanged_since(path, digest)
            log = IatiImport.objects.create(source_file=str(path), file_digest=digest)
            if last is not None:
                _report_again(last, report)
            else:
                report.note("", header.problems)
                _read_and_write(path, report, log, progress=progress, validate=validate)
            _finish(log, report)
            record_event(
                actor=actor,
                actor_label="" if actor else "system: poolfund import iati",
                action=AuditAction.CREATE,
                instance=log,
                reason=report.summary(),
            )
            if report.created or report.updated:
                enqueue("iati.activities-written", import_id=log.pk)
    except IatiFileRefused as refusal:
        return FileImportReport(path=str(path), refused=refusal.message)
    return report


def _finish(log: IatiImport, report: FileImportReport) -> None:
    log.activities_read, log.skipped = report.read, report.skipped
    log.created, log.updated, log.unchanged = report.created, report.updated, report.unchanged
    log.problems = len(report.problems)
    log.problem_list = [
        [problem.activity, problem.line, problem.kind, problem.message]
        for problem in report.problems
    ]
    log.holding = ExternalActivity.objects.filter(source_file=log.source_file).count()
    log.save()


def _import_in_a_process(path: Path, validate: bool) -> FileImportReport | None:
    """One file in a worker process (`worker_process`); None when its transaction met another
    file's (the same activity written by both at once: a unique key or a deadlock), to be
    imported again. The worker's connection is closed after such an error, so the next file it
    takes starts on a fresh one."""
    try:
        return import_iati_file(path=path, validate=validate)
    except DatabaseError:
        connections.close_all()
        return None


def import_iati_files_in_parallel(
    paths: list[Path], *, jobs: int, validate: bool = True
) -> Iterator[FileImportReport]:
    """Import the files `jobs` at a time, each in its own process and transaction (so each is
    still all or nothing), yielding the reports in the order of `paths`. A file that collided
    with another one running at the same time is imported again, alone, after the others."""
    databases = {alias: dict(connections[alias].settings_dict) for alias in connections}
    collided = []
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=worker_process.start,
        initargs=(databases,),
    ) as pool:
        for path, report in zip(
            paths, pool.map(_import_in_a_process, paths, [validate] * len(paths)), strict=True
        ):
            if report is None:
                collided.append(path)
            else:
                yield report
    for path in collided:
        yield import_iati_file(path=path, validate=validate)
