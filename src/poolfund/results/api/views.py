from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.results.selectors import results_by_objective, results_by_thematic_area


class ResultsTallySerializer(serializers.Serializer):
    indicators = serializers.IntegerField()
    programmes = serializers.IntegerField()
    reported_indicators = serializers.IntegerField(
        source="reported", help_text="Indicators with a value in an accepted progress report."
    )
    indicators_at_target = serializers.IntegerField(
        source="reached",
        help_text="Indicators whose latest accepted value is at or beyond their target.",
    )
    progress_to_target = serializers.DecimalField(
        source="progress",
        max_digits=5,
        decimal_places=4,
        allow_null=True,
        help_text="The mean share of the way from baseline to target of the reported "
        "indicators, 0 to 1 (an indicator beyond its target counts as 1); null when none is "
        "reported.",
    )


class ObjectiveRollUpSerializer(ResultsTallySerializer):
    objective = serializers.IntegerField(source="objective.number")
    thematic_area = serializers.IntegerField(
        source="objective.thematic_area.number", allow_null=True
    )


class ThematicAreaRollUpSerializer(ResultsTallySerializer):
    thematic_area = serializers.IntegerField(
        source="thematic_area.number",
        allow_null=True,
        help_text="Null for the cross-cutting objective 23.",
    )


class ResultsByObjective(APIView):
    """The indicators serving each GCM objective, in how many Joint Programmes, and how far
    the accepted progress reports took them; the thematic area is null for objective 23."""

    permission_classes = []

    @extend_schema(responses=ObjectiveRollUpSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(ObjectiveRollUpSerializer(results_by_objective(), many=True).data)


class ResultsByThematicArea(APIView):
    """The indicators serving each thematic area (through their GCM objectives), and how far
    the accepted progress reports took them; an indicator serving two areas counts in both."""

    permission_classes = []

    @extend_schema(responses=ThematicAreaRollUpSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(ThematicAreaRollUpSerializer(results_by_thematic_area(), many=True).data)
