from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.accounts.policy import can, signed_in_user
from poolfund.api.permissions import allowed_by
from poolfund.donors.api.serializers import (
    DepositDetailSerializer,
    DepositInputSerializer,
    DepositSerializer,
    DonorSerializer,
    FundSummarySerializer,
)
from poolfund.donors.filtersets import DepositFilterSet, DonorFilterSet
from poolfund.donors.models import Deposit, Donor
from poolfund.donors.selectors import donor_rows, fund_summary, sorted_donor_rows
from poolfund.donors.services import record_deposit
from poolfund.web.query import checked, day_in_query

AS_OF = OpenApiParameter("as_of", date, description="Figures as of this day (default: today).")


class DonorList(generics.ListAPIView):
    """Every donor with what it committed and deposited (USD), largest deposit first unless
    `sort` asks otherwise."""

    serializer_class = DonorSerializer
    filterset_class = DonorFilterSet
    queryset = Donor.objects.none()  # the model, for the schema: the list is of donor rows

    def get_queryset(self):
        order = checked(DonorFilterSet(self.request.query_params)).order
        return sorted_donor_rows(donor_rows(), order)


class DepositList(generics.ListAPIView):
    """Deposits received. The FMU and a donor's own focal points also see bank references and
    the rate used; everyone else sees the published figures. Filter with `?donor=<slug>` and
    `?earmark_region=<M49 code or name>`.
    POST records a deposit (Fund Management Unit): converted to USD with the rate of the day it
    arrived and posted to the ledger with its Administrative Agent fee."""

    serializer_class = DepositSerializer
    filterset_class = DepositFilterSet

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsAuthenticated(), allowed_by("donors.record_contribution")()]
        return [AllowAny()]

    @extend_schema(request=DepositInputSerializer, responses={201: DepositDetailSerializer})
    def post(self, request: Request) -> Response:
        given = DepositInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        deposit = record_deposit(actor=signed_in_user(request), **given.validated_data)
        return Response(DepositDetailSerializer(deposit).data, status=201)

    def get_queryset(self):
        return Deposit.objects.select_related(
            "commitment__donor",
            "commitment__thematic_area",
            "commitment__country",
            "commitment__region",
            "ledger_transaction__reversal",
        ).order_by("received_on", "id")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset())) or []
        in_full: dict[int, bool] = {}
        data = []
        for deposit in page:
            donor = deposit.commitment.donor
            if donor.pk not in in_full:
                in_full[donor.pk] = can(request.user, "donors.view_contribution_details", donor)
            serializer = DepositDetailSerializer if in_full[donor.pk] else DepositSerializer
            data.append(serializer(deposit).data)
        return self.get_paginated_response(data)


class FundSummaryView(APIView):
    """The Fund's capitalization: target, deposited, committed, % of target, donor counts."""

    @extend_schema(parameters=[AS_OF], responses=FundSummarySerializer)
    def get(self, request: Request) -> Response:
        return Response(
            FundSummarySerializer(
                fund_summary(as_of=day_in_query(request.query_params, "as_of"))
            ).data
        )
