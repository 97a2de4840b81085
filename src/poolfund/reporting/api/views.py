from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.accounts.policy import require
from poolfund.api.permissions import allowed_by
from poolfund.reporting import services
from poolfund.reporting.api.serializers import (
    CommentSerializer,
    MoveDueDateSerializer,
    ReasonSerializer,
    ScheduledReportDetailSerializer,
    ScheduledReportSerializer,
)
from poolfund.reporting.filtersets import ScheduledReportFilterSet
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.selectors import scheduled_reports


class ReportList(generics.ListAPIView):
    """Every Joint Programme's scheduled reports; `?status=overdue` lists those past their due
    date that are still owed."""

    serializer_class = ScheduledReportSerializer
    permission_classes = [allowed_by("reporting.view_reports")]
    filterset_class = ScheduledReportFilterSet
    ordering_fields = ["due_on", "period_end", "status", "kind"]

    def get_queryset(self):
        return scheduled_reports().order_by("due_on", "pk")


class ReportDetail(generics.RetrieveAPIView):
    """A scheduled report with its review events, due-date moves and attachments."""

    serializer_class = ScheduledReportDetailSerializer
    permission_classes = [allowed_by("reporting.view_reports")]

    def get_queryset(self):
        return scheduled_reports().prefetch_related(
            "events__actor", "moves__moved_by", "attachments"
        )


STEP_BODIES: dict[str, type[serializers.Serializer] | None] = {
    "submit": None,
    "return": CommentSerializer,
    "accept": CommentSerializer,
    "revise": ReasonSerializer,
    "move-due-date": MoveDueDateSerializer,
}


def step_view(name: str) -> type[APIView]:
    step, body_class = services.STEPS[name], STEP_BODIES[name]

    class ReportStep(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(
            operation_id=f"report_{name.replace('-', '_')}",
            request=body_class,
            responses=ScheduledReportSerializer,
        )
        def post(self, request: Request, pk: int) -> Response:
            report = get_object_or_404(ScheduledReport.objects.select_related("programme"), pk=pk)
            require(request.user, step.permission, report)  # the right before the input
            data = {}
            if body_class is not None:
                body = body_class(data=request.data)
                body.is_valid(raise_exception=True)
                data = body.validated_data
            step.perform(actor=request.user, report=report, **data)
            report.refresh_from_db()
            return Response(ScheduledReportSerializer(report).data)

    ReportStep.__name__ = ReportStep.__qualname__ = f"Report{name.title().replace('-', '')}"
    ReportStep.__doc__ = {
        "submit": "The organisation submits a due or returned report (its content complete).",
        "return": "The FMU returns a submitted report for revision, with a comment.",
        "accept": "The FMU accepts a submitted report; its content counts from then on.",
        "revise": "Open an accepted report again for a correction, with the reason.",
        "move-due-date": "The FMU moves a report's due date, with the reason.",
    }[name]
    return ReportStep
