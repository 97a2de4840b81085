"""The results framework under its programme (POST to add, PATCH to change; the programme's
organisations' focal points and the FMU) and the content of progress reports."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.accounts.policy import require
from poolfund.api.permissions import allowed_by
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.models import ScheduledReport
from poolfund.results import services
from poolfund.results.api.entry_serializers import (
    IndicatorSerializer,
    OutcomeSerializer,
    OutputSerializer,
    ProgressSerializer,
)
from poolfund.results.models import Indicator, Outcome, Output
from poolfund.results.selectors import open_or_latest_revision, results_framework, value_entries


def editable_programme(request: Request, code: str) -> JointProgramme:
    programme = get_object_or_404(JointProgramme, code=code)
    require(request.user, "programmes.report_results", programme)  # the right before the input
    return programme


def valid(serializer):
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class OutcomeCreate(APIView):
    """Add an outcome to the programme's results framework."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OutcomeSerializer, responses={201: OutcomeSerializer})
    def post(self, request: Request, code: str) -> Response:
        programme = editable_programme(request, code)
        data = valid(OutcomeSerializer(data=request.data))
        outcome = services.define_outcome(actor=request.user, programme=programme, **data)
        return Response(OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)


class OutcomeChange(APIView):
    """Change an outcome's code or statement."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OutcomeSerializer, responses=OutcomeSerializer)
    def patch(self, request: Request, code: str, pk: int) -> Response:
        programme = editable_programme(request, code)
        outcome = get_object_or_404(Outcome, programme=programme, pk=pk)
        data = valid(OutcomeSerializer(outcome, data=request.data, partial=True))
        merged = {"code": outcome.code, "statement": outcome.statement, **data}
        outcome = services.change_outcome(actor=request.user, outcome=outcome, **merged)
        return Response(OutcomeSerializer(outcome).data)


class OutputCreate(APIView):
    """Add an output under one of the programme's outcomes."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OutputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request, code: str) -> Response:
        programme = editable_programme(request, code)
        data = valid(OutputSerializer(data=request.data, programme=programme))
        output = services.define_output(actor=request.user, **data)
        return Response(OutputSerializer(output).data, status=status.HTTP_201_CREATED)


class OutputChange(APIView):
    """Change an output's code or statement."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OutputSerializer, responses=OutputSerializer)
    def patch(self, request: Request, code: str, pk: int) -> Response:
        programme = editable_programme(request, code)
        output = get_object_or_404(Output, outcome__programme=programme, pk=pk)
        data = valid(OutputSerializer(output, data=request.data, partial=True, programme=programme))
        data.pop("outcome", None)
        merged = {"code": output.code, "statement": output.statement, **data}
        output = services.change_output(actor=request.user, output=output, **merged)
        return Response(OutputSerializer(output).data)


class IndicatorCreate(APIView):
    """Add an indicator under one of the programme's outputs: baseline, target and unit, the
    dimensions its values are broken down by, the Compact objectives it serves."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=IndicatorSerializer, responses={201: IndicatorSerializer})
    def post(self, request: Request, code: str) -> Response:
        programme = editable_programme(request, code)
        data = valid(IndicatorSerializer(data=request.data, programme=programme))
        indicator = services.define_indicator(actor=request.user, **data)
        return Response(IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)


class IndicatorChange(APIView):
    """Change an indicator; values already reported stay as reported."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=IndicatorSerializer, responses=IndicatorSerializer)
    def patch(self, request: Request, code: str, pk: int) -> Response:
        programme = editable_programme(request, code)
        indicator = get_object_or_404(Indicator, output__outcome__programme=programme, pk=pk)
        data = valid(
            IndicatorSerializer(indicator, data=request.data, partial=True, programme=programme)
        )
        data.pop("output", None)
        current = IndicatorSerializer(indicator).data
        merged = {
            "code": indicator.code,
            "description": indicator.description,
            "unit": indicator.unit,
            "baseline": indicator.baseline,
            "target": indicator.target,
            "disaggregations": indicator.disaggregations,
            "objectives": current["objectives"],
            "target_breakdown": indicator.target_breakdown,
            **data,
        }
        indicator = services.change_indicator(actor=request.user, indicator=indicator, **merged)
        return Response(IndicatorSerializer(indicator).data)


FRAMEWORK = inline_serializer(
    "ResultsFramework",
    {
        "programme": serializers.CharField(),
        "outcomes": inline_serializer(
            "FrameworkOutcome",
            {
                "id": serializers.IntegerField(),
                "code": serializers.CharField(),
                "statement": serializers.CharField(),
                "outputs": inline_serializer(
                    "FrameworkOutput",
                    {
                        "id": serializers.IntegerField(),
                        "code": serializers.CharField(),
                        "statement": serializers.CharField(),
                        "indicators": IndicatorSerializer(many=True),
                    },
                    many=True,
                ),
            },
            many=True,
        ),
    },
)


class ResultsFramework(APIView):
    """A programme's outcomes, outputs and indicators (public, as on the programme page)."""

    permission_classes = []

    @extend_schema(responses=FRAMEWORK)
    def get(self, request: Request, code: str) -> Response:
        programme = get_object_or_404(JointProgramme, code=code)
        return Response(
            {
                "programme": programme.code,
                "outcomes": [
                    {
                        **OutcomeSerializer(outcome).data,
                        "outputs": [
                            {
                                "id": output.pk,
                                "code": output.code,
                                "statement": output.statement,
                                "indicators": IndicatorSerializer(
                                    output.indicators.all(), many=True
                                ).data,
                            }
                            for output in outcome.outputs.all()
                        ],
                    }
                    for outcome in results_framework(programme)
                ],
            }
        )


def progress_data(report: ScheduledReport) -> dict:
    revision = open_or_latest_revision(report)
    return {
        "revision": revision.revision if revision else None,
        "narrative": revision.narrative if revision else "",
        "values": [
            {"indicator": entry.indicator_id, "total": entry.total, "breakdown": entry.breakdown}
            for entry in value_entries(revision).values()
        ],
    }


class ProgressEntry(APIView):
    """A progress report's narrative and indicator values (its open or latest revision). PUT
    replaces them while the report is due or returned; an accepted report is corrected by a
    revision (`POST /api/v1/reports/<id>/revise/`)."""

    permission_classes = [allowed_by("reporting.view_reports")]

    @extend_schema(responses=ProgressSerializer)
    def get(self, request: Request, pk: int) -> Response:
        report = get_object_or_404(ScheduledReport, pk=pk)
        return Response(ProgressSerializer(progress_data(report)).data)

    @extend_schema(request=ProgressSerializer, responses=ProgressSerializer)
    def put(self, request: Request, pk: int) -> Response:
        report = get_object_or_404(ScheduledReport.objects.select_related("programme"), pk=pk)
        require(request.user, "reporting.enter_report", report)
        data = valid(ProgressSerializer(data=request.data))
        indicators = Indicator.objects.filter(output__outcome__programme=report.programme)
        by_id = {indicator.pk: indicator for indicator in indicators}
        values = []
        for value in data["values"]:
            if value["indicator"] not in by_id:
                raise serializers.ValidationError(
                    {"values": [f"No indicator {value['indicator']} in {report.programme.code}."]}
                )
            values.append(
                services.ReportedValue(
                    by_id[value["indicator"]], value["total"], value.get("breakdown", {})
                )
            )
        services.save_progress(
            actor=request.user, report=report, narrative=data["narrative"], values=values
        )
        return Response(ProgressSerializer(progress_data(report)).data)
