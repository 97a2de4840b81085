"""The limit on password guessing: after too many failed sign-ins for one username from one
address (or from one address overall) within a window, sign-in is refused until it passes.

Failures are rows of `FailedLogin`, so the limit holds across processes on both databases."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from poolfund.accounts.models import FailedLogin


def client_address(request: HttpRequest | None) -> str | None:
    """The caller's address: REMOTE_ADDR, or behind a reverse proxy the header it sets
    (LOGIN_CLIENT_ADDRESS_HEADER), without which every caller would share the proxy's."""
    if request is None:
        return None
    address = request.META.get(settings.LOGIN_CLIENT_ADDRESS_HEADER, "")
    return address.split(",")[-1].strip() or None


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def login_is_blocked(username: str, ip_address: str | None) -> bool:
    recent = FailedLogin.objects.filter(attempted_at__gte=_window_start(), ip_address=ip_address)
    if recent.filter(username=username.lower()).count() >= settings.LOGIN_FAILURE_LIMIT:
        return True
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS


def record_failed_login(username: str, ip_address: str | None) -> None:
    FailedLogin.objects.filter(attempted_at__lt=_window_start()).delete()
    FailedLogin.objects.create(username=username.lower(), ip_address=ip_address)


def forget_failed_logins(username: str, ip_address: str | None) -> None:
    FailedLogin.objects.filter(username=username.lower(), ip_address=ip_address).delete()
