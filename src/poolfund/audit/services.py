"""Writing the audit trail. Every write service calls `record_event` in its own transaction,
so a change and its record are saved together or not at all."""

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from poolfund.audit.choices import AuditAction
from poolfund.audit.models import AuditEvent

Snapshot = dict[str, Any]


def _json_value(value: Any) -> Any:
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list | tuple | set):
        return [_json_value(item) for item in value]
    return value


def snapshot(instance: models.Model) -> Snapshot:
    """The concrete field values of a record, as JSON-ready data (foreign keys as ids).

    Secrets a model lists in `audit_excluded_fields` (password hashes, token digests) are
    left out."""
    excluded = set(getattr(instance, "audit_excluded_fields", ()))
    values = {}
    for field in instance._meta.concrete_fields:
        if field.attname in excluded:
            continue
        values[field.attname] = _json_value(getattr(instance, field.attname))
    return values


def changed_fields(before: Snapshot | None, after: Snapshot | None) -> dict[str, list[Any]]:
    before, after = before or {}, after or {}
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def signed_in_person(actor):
    """The user to store as the actor of a change: None for system work or an anonymous user."""
    return actor if actor is not None and actor.is_authenticated else None


def record_event(
    *,
    actor,
    action: AuditAction,
    instance: models.Model,
    before: Snapshot | None = None,
    after: Snapshot | None = None,
    reason: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Record one change to `instance`. For creations pass `after`, for deletions `before`;
    `actor` is None only for system work, which then names itself in `actor_label`."""
    event = build_event(
        actor=actor,
        action=action,
        instance=instance,
        before=before,
        after=after,
        reason=reason,
        actor_label=actor_label,
    )
    event.save()
    return event


def build_event(
    *,
    actor,
    action: AuditAction,
    instance: models.Model,
    before: Snapshot | None = None,
    after: Snapshot | None = None,
    reason: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """The unsaved event `record_event` saves; bulk writers (scale data) save many at once
    with `AuditEvent.objects.bulk_create`."""
    if actor is None and not actor_label:
        raise ValueError("A change made by no person must say what made it (actor_label).")
    if after is None and action != AuditAction.DELETE:
        after = snapshot(instance)
    return AuditEvent(
        actor=signed_in_person(actor),
        actor_label=actor_label or actor.get_username(),
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changed_fields(before, after),
        reason=reason,
    )
