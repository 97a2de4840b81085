from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.allocation.api.serializers import (
    AllocationRoundDetailSerializer,
    AllocationRoundSerializer,
)
from poolfund.allocation.engine import solve_round
from poolfund.allocation.models import AllocationRound, Proposal
from poolfund.api.permissions import allowed_by

COMMITTEE_ONLY = [allowed_by("allocation.run_optimiser")]


class SolveAllocation(APIView):
    """Propose the best portfolio for a round sent as JSON (the format of docs/allocation.md)
    and return the proposal. Nothing is stored: this is the analysts' engine, the same as
    `poolfund allocate --input`. An invalid round is a 400 naming each problem."""

    permission_classes = COMMITTEE_ONLY

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        return Response(solve_round(request.data))


def stored_rounds(*, with_round_input: bool = False):
    proposals = (
        Proposal.objects.all() if with_round_input else Proposal.objects.defer("round_input")
    )
    return AllocationRound.objects.select_related("policy").prefetch_related(
        "policy__must_include",
        "policy__must_exclude",
        Prefetch("proposals", queryset=proposals),
    )


class AllocationRoundList(generics.ListAPIView):
    """Stored allocation rounds with their policy settings and a summary of the latest stored
    proposal (committee material: Fund Management Unit and Steering Committee only).
    `ordering` takes name or decided_on (prefix - to reverse)."""

    serializer_class = AllocationRoundSerializer
    permission_classes = COMMITTEE_ONLY
    queryset = stored_rounds()
    ordering_fields = ["name", "decided_on"]


class AllocationRoundDetail(generics.RetrieveAPIView):
    """One stored round: its policy settings and its latest stored proposal, with the
    optimiser's whole output (selected notes with their pools, notes left out and why, the
    greedy baseline, every rule with its slack). Nothing is solved here: proposals are stored by
    `poolfund allocate --round` and by the Steering Committee's decision."""

    serializer_class = AllocationRoundDetailSerializer
    permission_classes = COMMITTEE_ONLY
    queryset = stored_rounds()
