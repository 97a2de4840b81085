"""Importing IATI activity files into external activities.

Each file is imported in one transaction: a file that turns out not to be well-formed (a
truncated download fails only at its end) leaves nothing behind. Activities are written in
batches, keyed by (reporting organisation, IATI identifier), and an activity whose content is
unchanged since the last import is not rewritten.
"""

import datetime
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, partial
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from tqdm import tqdm

from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.geo.models import Country, Region
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
from poolfund.iati.signals import activities_written

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


def _decimal(value: str) -> Decimal | None:
    return Decimal(value) if value else None


class _ActivityWriter:
    """Writes activity records in batches: one query finds what exists, bulk inserts do the rest."""

    def __init__(self, report: FileImportReport, source_file: str) -> None:
        self.report, self.source_file = report, source_file
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
            (activity.reporting_org_ref, activity.iati_identifier): activity
            for activity in ExternalActivity.objects.filter(
                iati_identifier__in={identifier for _ref, identifier in records}
            ).only("pk", "reporting_org_ref", "iati_identifier", "content_hash")
        }
        new, changed = [], []
        for key, record in records.items():
            fingerprint = record.content_hash()
            current = existing.get(key)
            if current is not None and current.content_hash == fingerprint:
                self.report.unchanged += 1
                continue
            activity = self.activity(record, fingerprint, pk=current.pk if current else None)
            (changed if current else new).append(activity)
        ExternalActivity.objects.bulk_create(new)
        if changed:
            for model, _attribute in PARTS:
                model.objects.filter(activity__in=changed).delete()
            ExternalActivity.objects.bulk_update(changed, UPDATED_FIELDS)
        self.report.created += len(new)
        self.report.updated += len(changed)
        self.write_parts(
            [(activity, records[activity_key(activity)]) for activity in new + changed]
        )
        activities_written.send(
            ExternalActivity, pks=[activity.pk for activity in new + changed if activity.pk]
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
            source_file=self.source_file,
            source_line=record.line,
            content_hash=fingerprint,
            updated_at=timezone.now(),
        )

    def write_parts(self, pairs: list[tuple[ExternalActivity, ActivityRecord]]) -> None:
        rows: dict[type[models.Model], list[models.Model]] = {model: [] for model, _ in PARTS}
        for activity, record in pairs:
            for model, attribute in PARTS:
                rows[model] += [
                    _part(model, activity, self.links(model, values))
                    for values in map(_values, getattr(record, attribute))
                ]
        for model, objects in rows.items():
            model.objects.bulk_create(objects, batch_size=1000)

    def links(self, model: type[models.Model], values: dict) -> dict:
        """The values with the country or the M49 region they name, when we know it."""
        if model is ExternalRecipientCountry:
            return {**values, "country_id": self.country_ids.get(values["code"])}
        if model is ExternalRecipientRegion and values["vocabulary"] == "2":
            return {**values, "region_id": self.region_ids.get(values["code"].zfill(3))}
        return values


def _values(item: dict | Problem) -> dict:
    return item if isinstance(item, dict) else vars(item)


@cache
def _converters(model: type[models.Model]) -> dict[str, Callable[[str], Any]]:
    """How each field of `model` takes a value from the reader: dates, decimals, cut text."""
    converters: dict[str, Callable[[str], Any]] = {}
    for model_field in model._meta.concrete_fields:
        if isinstance(model_field, models.DateField):
            converters[model_field.name] = _date
        elif isinstance(model_field, models.DecimalField):
            converters[model_field.name] = _decimal
        elif isinstance(model_field, models.CharField):
            converters[model_field.name] = partial(_cut, length=model_field.max_length)
    return converters


def _cut(value: str, *, length: int) -> str:
    return value[:length]


def _part(model: type[models.Model], activity: ExternalActivity, values: dict) -> models.Model:
    converters = _converters(model)
    return model(
        activity=activity,
        **{name: converters.get(name, _same)(value) for name, value in values.items()},
    )


def _same(value: Any) -> Any:
    return value


def activity_key(activity: ExternalActivity) -> tuple[str, str]:
    return (activity.reporting_org_ref, activity.iati_identifier)


UPDATED_FIELDS = [
    field.name
    for field in ExternalActivity._meta.concrete_fields
    if field.name not in {"id", "reporting_org_ref", "iati_identifier", "imported_at"}
]


def import_iati_file(
    *, path: Path | str, actor=None, progress: bool = False, validate: bool = True
) -> FileImportReport:
    """Import one IATI activity file. A refused file is reported, with nothing written."""
    path = Path(path)
    report = FileImportReport(path=str(path))
    try:
        header = read_header(path)
        with (
            transaction.atomic(),
            tqdm(
                total=path.stat().st_size,
                unit="B",
                unit_scale=True,
                desc=path.name,
                file=sys.stderr,
                disable=None if progress else True,  # None: only on a terminal
            ) as bar,
        ):
            report.note("", header.problems)
            writer = _ActivityWriter(report, source_file=str(path))
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
            log = IatiImport.objects.create(
                source_file=str(path),
                activities_read=report.read,
                created=report.created,
                updated=report.updated,
                unchanged=report.unchanged,
                skipped=report.skipped,
                problems=len(report.problems),
            )
            record_event(
                actor=actor,
                actor_label="" if actor else "system: poolfund import iati",
                action=AuditAction.CREATE,
                instance=log,
                reason=report.summary(),
            )
    except IatiFileRefused as refusal:
        return FileImportReport(path=str(path), refused=refusal.message)
    return report
