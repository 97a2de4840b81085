from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.results.selectors import results_by_objective

ROLL_UP = inline_serializer(
    "ObjectiveRollUp",
    {
        "objective": serializers.IntegerField(),
        "thematic_area": serializers.IntegerField(allow_null=True),
        "indicators": serializers.IntegerField(),
        "programmes": serializers.IntegerField(),
        "reported_indicators": serializers.IntegerField(
            help_text="Indicators with a value in an accepted progress report."
        ),
    },
    many=True,
)


class ResultsByObjective(APIView):
    """How many indicators, in how many Joint Programmes, serve each GCM objective; the
    thematic area lets a reader roll them up further (null for objective 23)."""

    permission_classes = []

    @extend_schema(responses=ROLL_UP)
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "objective": row.objective.number,
                    "thematic_area": (
                        row.objective.thematic_area.number if row.objective.thematic_area else None
                    ),
                    "indicators": row.indicators,
                    "programmes": row.programmes,
                    "reported_indicators": row.reported,
                }
                for row in results_by_objective()
            ]
        )
