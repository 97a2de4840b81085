from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from poolfund.audit.models import AuditEvent


def history_of(instance: models.Model) -> QuerySet[AuditEvent]:
    """Every recorded change to a record, newest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
    ).select_related("actor")


def audit_events(
    *, app_label: str | None = None, model: str | None = None, object_id: str | None = None
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, narrowed by any of app label, model name and record id."""
    events = AuditEvent.objects.select_related("content_type", "actor")
    if app_label:
        events = events.filter(content_type__app_label=app_label)
    if model:
        events = events.filter(content_type__model=model.lower())
    if object_id:
        events = events.filter(object_id=object_id)
    return events


def data_version() -> int:
    """A number that changes whenever the Fund's records do: every write to a domain record
    records an audit event (docs/architecture.md), so the newest event's id. Keys caches of
    figures computed from many records, so they are never served stale."""
    return AuditEvent.objects.aggregate(newest=models.Max("pk"))["newest"] or 0
