from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from poolfund.accounts.models import ApiToken
from poolfund.accounts.selectors import active_token_for_key

# A script calling in a loop need not write to the database on every request.
LAST_USE_PRECISION = timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` with a key from `poolfund api-token create` or the
    API tokens page. Revoked tokens and deactivated people are refused."""

    def authenticate_credentials(self, key: str):
        token = active_token_for_key(key)
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USE_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
