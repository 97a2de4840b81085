from django.contrib import admin
from django.db import models

from poolfund.audit.choices import AuditAction
from poolfund.audit.models import AuditEvent
from poolfund.audit.services import record_event, snapshot

ADMIN_REASON = "edited in the Django admin"


def _stored_snapshot(instance: models.Model):
    if instance.pk is None:
        return None
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    return snapshot(stored) if stored is not None else None


class AuditedModelAdmin(admin.ModelAdmin):
    """Changes made in the Django admin, inlines included, enter the audit trail like any
    other change."""

    def _record(self, request, action, instance, before=None) -> None:
        record_event(
            actor=request.user, action=action, instance=instance, before=before, reason=ADMIN_REASON
        )

    def _save_recorded(self, request, instance) -> None:
        before = _stored_snapshot(instance)
        instance.save()
        action = AuditAction.CREATE if before is None else AuditAction.UPDATE
        self._record(request, action, instance, before)

    def _delete_recorded(self, request, instance) -> None:
        self._record(request, AuditAction.DELETE, instance, before=snapshot(instance))
        instance.delete()

    def save_model(self, request, obj, form, change) -> None:
        self._save_recorded(request, obj)

    def delete_model(self, request, obj) -> None:
        self._delete_recorded(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for instance in queryset:
            self._delete_recorded(request, instance)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for instance in formset.deleted_objects:
            self._delete_recorded(request, instance)
        for instance in instances:
            self._save_recorded(request, instance)
        formset.save_m2m()


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail cannot be edited through the app."""

    list_display = ["occurred_at", "actor_label", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_label", "reason"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
