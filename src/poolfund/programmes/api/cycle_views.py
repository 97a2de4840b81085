"""The API of a Joint Programme's later life. Reads are open like the programme page (a
financial report to those who report or read reports); each write checks the right first,
then the input, then calls the same service as the page."""

from collections.abc import Callable

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.accounts.models import User
from poolfund.accounts.policy import can, require, signed_in_user
from poolfund.api.permissions import allowed_by
from poolfund.programmes import closure, financial_reports, revisions
from poolfund.programmes.api.cycle_serializers import (
    BudgetRevisionSerializer,
    ClosureStepSerializer,
    FinancialReportInputSerializer,
    FinancialReportSerializer,
    NoCostExtensionSerializer,
    ProgrammeClosureSerializer,
    ReturnInputSerializer,
    ReturnSerializer,
    RevisionDecisionSerializer,
)
from poolfund.programmes.models import (
    BudgetRevision,
    FinancialReport,
    JointProgramme,
    ProgrammeClosure,
)
from poolfund.reporting.models import ScheduledReport


class ProgrammeWrite(APIView):
    """A list of a programme's records, open to read; POST (with `permission`) checks the
    right, validates `input_serializer` and calls `perform`."""

    permission = ""
    input_serializer: type[serializers.Serializer]
    output_serializer: type[serializers.Serializer]

    def get_permissions(self):
        if self.request.method == "POST":
            return [allowed_by(self.permission)()]
        return [AllowAny()]

    def programme(self, code: str) -> JointProgramme:
        return get_object_or_404(JointProgramme, code=code)

    def records(self, programme: JointProgramme):
        raise NotImplementedError

    def perform(self, *, actor: User, programme: JointProgramme, data: dict):
        raise NotImplementedError

    def get(self, request: Request, code: str) -> Response:
        records = self.records(self.programme(code))
        return Response(self.output_serializer(records, many=True).data)

    def post(self, request: Request, code: str) -> Response:
        programme = self.programme(code)
        require(request.user, self.permission, programme)
        incoming = self.input_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        made = self.perform(
            actor=signed_in_user(request), programme=programme, data=incoming.validated_data
        )
        many = isinstance(made, list)
        return Response(
            self.output_serializer(made, many=many).data, status=status.HTTP_201_CREATED
        )


@extend_schema(request=BudgetRevisionSerializer, responses=BudgetRevisionSerializer)
class ProgrammeRevisions(ProgrammeWrite):
    """Budget revisions of a programme; POST records one (Fund Management Unit): `moves`
    (organisation and category to organisation and category, amount), `effective_on`,
    `reason`. Above the threshold it waits for the Steering Committee (`state`)."""

    permission = "programmes.revise_budget"
    input_serializer = output_serializer = BudgetRevisionSerializer

    def records(self, programme):
        return programme.budget_revisions.select_related("decision").prefetch_related("moves")

    def perform(self, *, actor: User, programme, data):
        return revisions.revise_budget(
            actor=actor,
            programme=programme,
            moves=[revisions.Move(**move) for move in data["moves"]],
            effective_on=data["effective_on"],
            reason=data["reason"],
        )


class RevisionDecision(APIView):
    """The Steering Committee approves or rejects a revision above the threshold."""

    permission_classes = [allowed_by("programmes.decide_budget_revision")]

    @extend_schema(
        operation_id="budget_revision_decide",
        request=RevisionDecisionSerializer,
        responses=BudgetRevisionSerializer,
    )
    def post(self, request: Request, code: str, pk: int) -> Response:
        revision = get_object_or_404(BudgetRevision, pk=pk, programme__code=code)
        require(request.user, "programmes.decide_budget_revision", revision)
        incoming = RevisionDecisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        decided = revisions.decide_budget_revision(
            actor=signed_in_user(request), revision=revision, **incoming.validated_data
        )
        return Response(BudgetRevisionSerializer(decided).data)


@extend_schema(request=NoCostExtensionSerializer, responses=NoCostExtensionSerializer)
class ProgrammeExtensions(ProgrammeWrite):
    """No-cost extensions of a programme; POST records one (Fund Management Unit): `new_end`,
    `reason`, `approved_by`, `approved_on`. The reporting calendar follows the new end."""

    permission = "programmes.revise_budget"
    input_serializer = output_serializer = NoCostExtensionSerializer

    def records(self, programme):
        return programme.extensions.all()

    def perform(self, *, actor: User, programme, data):
        return revisions.extend_programme(actor=actor, programme=programme, **data)


@extend_schema(request=ReturnInputSerializer, responses=ReturnSerializer(many=True))
class ProgrammeReturns(ProgrammeWrite):
    """Unspent balances returned to the Fund; POST returns one after operational closure
    (Fund Management Unit): `organisation`, `amount_usd`, `occurred_on`. Each dollar goes back
    to the pool it came from: one ledger transaction per pool."""

    permission = "programmes.close_programme"
    input_serializer = ReturnInputSerializer
    output_serializer = ReturnSerializer

    def records(self, programme):
        return programme.returns.select_related("organisation", "transaction").prefetch_related(
            "transaction__entries__account"
        )

    def perform(self, *, actor: User, programme, data):
        return closure.return_unspent(actor=actor, programme=programme, **data)


class ClosureStep(APIView):
    """One step of closure (Fund Management Unit): `closed_on`, `remarks`."""

    permission_classes = [allowed_by("programmes.close_programme")]
    service: Callable[..., ProgrammeClosure]

    def post(self, request: Request, code: str) -> Response:
        programme = get_object_or_404(JointProgramme, code=code)
        require(request.user, "programmes.close_programme", programme)
        incoming = ClosureStepSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        closed = type(self).service(
            actor=signed_in_user(request), programme=programme, **incoming.validated_data
        )
        return Response(ProgrammeClosureSerializer(closed).data)


class OperationalClosure(ClosureStep):
    """Close the programme operationally: no more transfers, revisions or extensions."""

    service = staticmethod(closure.close_operationally)

    @extend_schema(
        operation_id="programme_close_operationally",
        request=ClosureStepSerializer,
        responses=ProgrammeClosureSerializer,
    )
    def post(self, request: Request, code: str) -> Response:
        return super().post(request, code)


class FinancialClosure(ClosureStep):
    """Close the programme's books: refused while a report is not accepted or money is
    neither reported as spent nor returned; keeps the final figures."""

    service = staticmethod(closure.close_financially)

    @extend_schema(
        operation_id="programme_close_financially",
        request=ClosureStepSerializer,
        responses=ProgrammeClosureSerializer,
    )
    def post(self, request: Request, code: str) -> Response:
        return super().post(request, code)


class ProgrammeClosureDetail(APIView):
    """The programme's closure record with its final figures (404 while it is open)."""

    permission_classes = [AllowAny]

    @extend_schema(responses=ProgrammeClosureSerializer)
    def get(self, request: Request, code: str) -> Response:
        found = get_object_or_404(
            ProgrammeClosure.objects.select_related("programme"), programme__code=code
        )
        return Response(ProgrammeClosureSerializer(found).data)


class FinancialReportDetail(APIView):
    """An organisation's financial report for a scheduled report (`/reports/…` id): GET for
    its focal points and readers of reports; POST enters and submits it (the organisation's
    focal points): `amounts` by UNDG category, `other_sources_usd`, `interest_usd`."""

    permission_classes = [allowed_by("reporting.enter_report")]

    def get_permissions(self):
        if self.request.method == "GET":
            return [IsAuthenticated()]
        return super().get_permissions()

    def scheduled(self, pk: int) -> ScheduledReport:
        return get_object_or_404(
            ScheduledReport.objects.select_related("programme", "organisation"), pk=pk
        )

    @extend_schema(responses=FinancialReportSerializer)
    def get(self, request: Request, pk: int) -> Response:
        report = self.scheduled(pk)
        if not can(request.user, "reporting.enter_report", report):
            require(request.user, "reporting.view_reports", report)
        content = FinancialReport.objects.filter(scheduled=report).first()
        if content is None:
            raise NotFound("Nothing is entered for this report yet.")
        return Response(FinancialReportSerializer(content).data)

    @extend_schema(
        operation_id="financial_report_submit",
        request=FinancialReportInputSerializer,
        responses=FinancialReportSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        report = self.scheduled(pk)
        require(request.user, "reporting.enter_report", report)
        incoming = FinancialReportInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        content = financial_reports.submit_financial_report(
            actor=signed_in_user(request), report=report, **incoming.validated_data
        )
        return Response(FinancialReportSerializer(content).data)
