from django.shortcuts import get_object_or_404
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.accounts.api.serializers import ApiTokenSerializer
from poolfund.accounts.selectors import api_tokens_of, api_tokens_revocable_by
from poolfund.accounts.services import revoke_api_token
from poolfund.api.permissions import allowed_by


class ApiTokenList(generics.ListAPIView):
    """Your own API tokens (keys are never shown again after creation)."""

    serializer_class = ApiTokenSerializer
    permission_classes = [allowed_by("accounts.manage_own_api_tokens")]

    def get_queryset(self):
        return api_tokens_of(self.request.user)


class ApiTokenRevoke(APIView):
    """Revoke a token: your own, or anyone's for the Fund Management Unit. Others' tokens are
    404, not 403: their existence is private."""

    permission_classes = [allowed_by("accounts.manage_own_api_tokens")]
    serializer_class = ApiTokenSerializer

    def delete(self, request, token_id: int) -> Response:
        token = get_object_or_404(api_tokens_revocable_by(request.user), pk=token_id)
        revoke_api_token(actor=request.user, token=token, reason=request.data.get("reason", ""))
        return Response(status=status.HTTP_204_NO_CONTENT)
