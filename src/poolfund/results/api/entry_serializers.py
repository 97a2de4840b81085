"""Writing the results framework and progress reports' content through the API."""

from rest_framework import serializers

from poolfund.results.choices import Disaggregation
from poolfund.results.models import MEASURE, Indicator, Outcome, Output


def breakdown_field() -> serializers.DictField:
    return serializers.DictField(
        child=serializers.DictField(child=serializers.DecimalField(**MEASURE)),
        required=False,
        help_text='By dimension, then group: {"sex": {"female": 600, "male": 400}}; each adds up '
        "to the total.",
    )


class ObjectiveNumbers(serializers.ListField):
    """Objectives as the Compact numbers them, in and out."""

    def to_representation(self, objectives) -> list[int]:
        return sorted(objective.number for objective in objectives.all())


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["id", "code", "statement"]


class OutputSerializer(serializers.ModelSerializer):
    outcome = serializers.PrimaryKeyRelatedField(
        queryset=Outcome.objects.none(), help_text="Id of the programme's outcome."
    )

    class Meta:
        model = Output
        fields = ["id", "outcome", "code", "statement"]

    def __init__(self, *args, programme=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["outcome"].queryset = Outcome.objects.filter(programme=programme)


class IndicatorSerializer(serializers.ModelSerializer):
    output = serializers.PrimaryKeyRelatedField(
        queryset=Output.objects.none(), help_text="Id of the programme's output."
    )
    unit = serializers.CharField(allow_blank=True, max_length=60)
    disaggregations = serializers.ListField(
        child=serializers.ChoiceField(choices=Disaggregation.choices), required=False
    )
    objectives = ObjectiveNumbers(
        child=serializers.IntegerField(),
        required=False,
        help_text="Numbers of the Global Compact's objectives the indicator serves (1 to 23).",
    )
    target_breakdown = breakdown_field()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "output",
            "code",
            "description",
            "unit",
            "baseline",
            "target",
            "disaggregations",
            "target_breakdown",
            "objectives",
        ]

    def __init__(self, *args, programme=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["output"].queryset = Output.objects.filter(outcome__programme=programme)


class ValueSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text="Id of one of the programme's indicators.")
    total = serializers.DecimalField(**MEASURE, help_text="Achieved by the period's end.")
    breakdown = breakdown_field()


class ProgressSerializer(serializers.Serializer):
    revision = serializers.IntegerField(read_only=True, allow_null=True)
    narrative = serializers.CharField(allow_blank=True)
    values = ValueSerializer(many=True)
