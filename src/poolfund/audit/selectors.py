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
