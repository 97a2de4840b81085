from rest_framework import serializers

from poolfund.reporting.models import DueDateMove, ReportAttachment, ReportEvent, ScheduledReport


class ScheduledReportSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", help_text="Joint Programme code.")
    organisation = serializers.CharField(
        source="organisation.acronym",
        allow_null=True,
        default=None,
        help_text="The organisation a financial report is from; null for narrative reports.",
    )
    is_overdue = serializers.SerializerMethodField(
        help_text="Due or returned, past its due date, and never accepted."
    )

    class Meta:
        model = ScheduledReport
        fields = [
            "id",
            "programme",
            "kind",
            "organisation",
            "period_start",
            "period_end",
            "calendar_due_on",
            "due_on",
            "status",
            "is_overdue",
            "submitted_at",
            "accepted_at",
        ]

    def get_is_overdue(self, report) -> bool:
        return report.is_overdue()


class ReportEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = ReportEvent
        fields = ["kind", "actor", "occurred_at", "comment"]


class DueDateMoveSerializer(serializers.ModelSerializer):
    moved_by = serializers.CharField(source="moved_by.username")

    class Meta:
        model = DueDateMove
        fields = ["moved_from", "moved_to", "reason", "moved_by", "moved_at"]


class ReportAttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportAttachment
        fields = ["id", "original_name", "media_type", "size", "uploaded_at"]


class ScheduledReportDetailSerializer(ScheduledReportSerializer):
    events = ReportEventSerializer(many=True, read_only=True)
    moves = DueDateMoveSerializer(many=True, read_only=True)
    attachments = ReportAttachmentSerializer(many=True, read_only=True)

    class Meta(ScheduledReportSerializer.Meta):
        fields = [*ScheduledReportSerializer.Meta.fields, "events", "moves", "attachments"]


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class MoveDueDateSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
