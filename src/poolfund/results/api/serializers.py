from rest_framework import serializers

from poolfund.results.models import MEASURE, Indicator


class IndicatorSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(
        source="output.outcome.programme.code", help_text="Joint Programme code."
    )
    outcome = serializers.CharField(source="output.outcome.code", help_text="Outcome code.")
    output = serializers.CharField(source="output.code", help_text="Output code.")
    objectives = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True, help_text="GCM objective numbers."
    )
    latest_value = serializers.DecimalField(
        **MEASURE,
        read_only=True,
        allow_null=True,
        help_text="The latest total of an accepted progress report (empty before any).",
    )

    class Meta:
        model = Indicator
        fields = [
            "programme",
            "outcome",
            "output",
            "code",
            "description",
            "unit",
            "baseline",
            "target",
            "latest_value",
            "disaggregations",
            "objectives",
        ]
