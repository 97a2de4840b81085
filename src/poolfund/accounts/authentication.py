from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from poolfund.accounts.models import ApiToken
from poolfund.accounts.selectors import active_token_for_key


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` with a key from `poolfund api-token create` or the
    API tokens page. Revoked tokens and deactivated people are refused."""

    def authenticate_credentials(self, key: str):
        token = active_token_for_key(key)
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(_("Invalid or revoked token."))
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token
