from rest_framework import serializers

from poolfund.audit.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    app = serializers.CharField(source="content_type.app_label", read_only=True)
    model = serializers.CharField(source="content_type.model", read_only=True)
    changes = serializers.JSONField(read_only=True, help_text="{field: [before, after]}")

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor_label",
            "action",
            "app",
            "model",
            "object_id",
            "object_repr",
            "changes",
            "reason",
        ]
