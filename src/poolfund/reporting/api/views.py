from collections.abc import Callable
from dataclasses import dataclass

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
    MoveSerializer,
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


@dataclass(frozen=True)
class Step:
    permission: str
    body: type[serializers.Serializer] | None
    perform: Callable


STEPS = {
    "submit": Step(
        "reporting.enter_report",
        None,
        lambda actor, report, data: services.submit_report(actor=actor, report=report),
    ),
    "return": Step(
        "reporting.review_report",
        CommentSerializer,
        lambda actor, report, data: services.return_report(
            actor=actor, report=report, comment=data["comment"]
        ),
    ),
    "accept": Step(
        "reporting.review_report",
        CommentSerializer,
        lambda actor, report, data: services.accept_report(
            actor=actor, report=report, comment=data["comment"]
        ),
    ),
    "revise": Step(
        "reporting.revise_accepted_report",
        ReasonSerializer,
        lambda actor, report, data: services.start_revision(
            actor=actor, report=report, reason=data["reason"]
        ),
    ),
    "move-due-date": Step(
        "reporting.manage_calendar",
        MoveSerializer,
        lambda actor, report, data: services.move_due_date(
            actor=actor, report=report, due_on=data["due_on"], reason=data["reason"]
        ),
    ),
}


def step_view(name: str) -> type[APIView]:
    step = STEPS[name]

    class ReportStep(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(
            operation_id=f"report_{name.replace('-', '_')}",
            request=step.body,
            responses=ScheduledReportSerializer,
        )
        def post(self, request: Request, pk: int) -> Response:
            report = get_object_or_404(ScheduledReport.objects.select_related("programme"), pk=pk)
            require(request.user, step.permission, report)  # the right before the input
            data = {}
            if step.body is not None:
                body = step.body(data=request.data)
                body.is_valid(raise_exception=True)
                data = body.validated_data
            step.perform(request.user, report, data)
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
