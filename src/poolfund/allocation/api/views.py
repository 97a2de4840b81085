from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.allocation.engine import solve_round
from poolfund.api.permissions import allowed_by


class SolveAllocation(APIView):
    """Propose the best portfolio for a round sent as JSON (the format of docs/allocation.md)
    and return the proposal. Nothing is stored: this is the analysts' engine, the same as
    `poolfund allocate --input`. An invalid round is a 400 naming each problem."""

    permission_classes = [allowed_by("allocation.run_optimiser")]

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        return Response(solve_round(request.data))
