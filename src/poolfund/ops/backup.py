"""Full backups that a fresh database restores exactly, row for row and key for key.

The file is gzipped JSON Lines: a header (format version, the applied migrations), then one
line per row, model by model, in Django's own serialisation (`python` format, so decimals,
dates, JSON and UUIDs keep their exact values), then a trailer with the row count per model.
A restore refuses a database that holds records, a database whose applied migrations differ
from the backup's, and a file without its trailer or with missing rows; it runs in one
transaction, so a refused or failed restore leaves the database as it was.
"""

import datetime
import gzip
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from poolfund.errors import DomainError
from poolfund.ops.signals import backup_restored

FORMAT = "poolfund-backup"
FORMAT_VERSION = 1
CHUNK = 2000
# Rows `migrate` itself writes; a restore replaces them with the backup's, keys included.
WRITTEN_BY_MIGRATE = (ContentType, Permission)


class BackupError(DomainError):
    code = "backup_refused"


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds (it rounds them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models() -> list[type[models.Model]]:
    """Every table's model (many-to-many tables included), parents before children."""
    candidates = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    ordered = serializers.sort_dependencies([(None, candidates)], allow_cycles=True)
    return ordered + [model for model in candidates if model not in ordered]


def applied_migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _field_names(model: type[models.Model]) -> list[str]:
    return [field.name for field in model._meta.local_concrete_fields if not field.primary_key]


def _rows(model: type[models.Model], using: str) -> Iterator[dict]:
    rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        yield from serializers.serialize("python", chunk, fields=_field_names(model))


def write_backup(path: Path, *, using: str = "default") -> dict[str, int]:
    """Writes the whole database to `path`; returns the row count per model."""
    counts: dict[str, int] = {}
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with gzip.open(path, "wt", encoding="utf-8") as out, transaction.atomic(using=using):
        # One transaction: on PostgreSQL a consistent snapshot while the app keeps running.
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        header = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "migrations": applied_migrations(using),
        }
        out.write(json.dumps(header) + "\n")
        for model in backed_up_models():
            label = model._meta.label_lower
            counts[label] = 0
            for row in _rows(model, using):
                out.write(json.dumps(row, cls=ExactJSONEncoder) + "\n")
                counts[label] += 1
        out.write(json.dumps({"end": True, "counts": counts}) + "\n")
    return counts


def _read_lines(path: Path) -> Iterator[dict]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)
    except (OSError, EOFError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not a readable PoolFund backup ({error}).") from error


def _check_header(header: dict, using: str) -> None:
    if header.get("format") != FORMAT:
        raise BackupError("This file is not a PoolFund backup.")
    if header.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"This backup has format version {header.get('version')}; this PoolFund reads "
            f"version {FORMAT_VERSION}."
        )
    ours = applied_migrations(using)
    theirs = header["migrations"]
    if ours != theirs:
        missing = sorted({tuple(m) for m in theirs} - {tuple(m) for m in ours})
        extra = sorted({tuple(m) for m in ours} - {tuple(m) for m in theirs})
        raise BackupError(
            "The database's migrations differ from the backup's. "
            f"Applied in the backup only: {_migration_list(missing)}; "
            f"in this database only: {_migration_list(extra)}. Restore with the PoolFund "
            "version that made the backup into a database migrated by it (`poolfund migrate`), "
            "then upgrade."
        )


def _migration_list(migrations: list) -> str:
    return ", ".join(f"{app}.{name}" for app, name in migrations[:10]) or "none"


def _check_empty(using: str) -> None:
    holding = [
        model._meta.label_lower
        for model in backed_up_models()
        if model not in WRITTEN_BY_MIGRATE and model._base_manager.using(using).exists()
    ]
    if holding:
        raise BackupError(
            "A backup is restored only into an empty database (created, then `poolfund "
            f"migrate`); this one holds records in: {', '.join(holding[:10])}."
        )


def _insert(model: type[models.Model], objects: list[models.Model], using: str) -> None:
    fields = model._meta.local_concrete_fields
    batch = max(1, connections[using].ops.bulk_batch_size(fields, objects))
    for start in range(0, len(objects), batch):
        # raw=True: stored values go in as they are (no auto_now stamping, keys kept).
        model._base_manager.using(using)._insert(
            objects[start : start + batch], fields=fields, raw=True, using=using
        )


def _restore_rows(rows: Iterable[dict], using: str) -> tuple[dict[str, int], dict | None]:
    counts: dict[str, int] = {}
    pending: list[models.Model] = []
    pending_model = None
    trailer = None
    for row in rows:
        if row.get("end"):
            trailer = row
            break
        (restored,) = serializers.deserialize("python", [row], using=using)
        model = type(restored.object)
        if model is not pending_model and pending:
            _insert(pending_model, pending, using)
            pending = []
        pending_model = model
        pending.append(restored.object)
        counts[model._meta.label_lower] = counts.get(model._meta.label_lower, 0) + 1
        if len(pending) >= CHUNK:
            _insert(model, pending, using)
            pending = []
    if pending:
        _insert(pending_model, pending, using)
    return counts, trailer


def restore_backup(path: Path, *, using: str = "default") -> dict[str, int]:
    """Restores `path` into an empty, migrated database; returns the row count per model."""
    lines = _read_lines(path)
    header = next(lines, None)
    if header is None:
        raise BackupError(f"{path} is empty.")
    _check_header(header, using)
    connection = connections[using]
    with transaction.atomic(using=using):
        _check_empty(using)
        for model in reversed(WRITTEN_BY_MIGRATE):
            model._base_manager.using(using).all().delete()
        with connection.constraint_checks_disabled():
            counts, trailer = _restore_rows(lines, using)
        if trailer is None:
            raise BackupError(f"{path} is cut short (no end marker): nothing was restored.")
        expected = {label: count for label, count in trailer["counts"].items() if count}
        if counts != expected:
            raise BackupError(f"{path} does not hold the rows its end marker lists.")
        connection.check_constraints()
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), backed_up_models()):
                cursor.execute(statement)
        backup_restored.send(sender=restore_backup, using=using)
    ContentType.objects.clear_cache()
    return counts
