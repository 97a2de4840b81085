from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.accounts.policy import require
from poolfund.allocation.engine import solve_round
from poolfund.allocation.round import InvalidRound


class SolveAllocation(APIView):
    """Propose the best portfolio for a round given as JSON (docs/allocation.md). Nothing is
    stored: this is the analysts' engine, the same as `poolfund allocate --input`."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        require(request.user, "allocation.run_optimiser")
        try:
            result = solve_round(request.data)
        except InvalidRound as error:
            return Response(
                {"message": error.message, "code": error.code, "fields": error.fields},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(result)
