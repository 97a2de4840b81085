from rest_framework import serializers

from poolfund.imports.kinds import KINDS
from poolfund.imports.models import ImportStatus, SpreadsheetImport


class UploadInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(KINDS), help_text="What the file holds.")
    file = serializers.FileField(help_text="An .xlsx or .csv file in the kind's template.")


class ConfirmInputSerializer(serializers.Serializer):
    skip_bad_rows = serializers.BooleanField(
        default=False, help_text="Import the good rows only (audited with the file's digest)."
    )


class SpreadsheetImportSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=ImportStatus.choices)
    uploaded_by = serializers.CharField(
        source="uploaded_by.username", allow_null=True, default=None
    )
    percent_done = serializers.IntegerField()
    report = serializers.JSONField(
        help_text="The preview's or the import's report: counts, problems (row, column, "
        "message), changes, summary; or `refused` with the reason."
    )

    class Meta:
        model = SpreadsheetImport
        fields = [
            "id",
            "kind",
            "original_name",
            "digest",
            "uploaded_by",
            "status",
            "skip_bad_rows",
            "rows_total",
            "rows_done",
            "percent_done",
            "job_id",
            "report",
            "created_at",
        ]
