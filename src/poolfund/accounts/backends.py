"""How people sign in (Django's model backend, behind the limit on password guessing) and
how the Django admin learns what they may do (from their roles, not Django's permission
tables)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from poolfund.accounts.choices import Role
from poolfund.accounts.login_limits import (
    client_address,
    forget_failed_logins,
    login_is_blocked,
    record_failed_login,
)
from poolfund.accounts.policy import holds_role


class PoolFundBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        address = client_address(request)
        if login_is_blocked(username, address):
            # Stops Django from asking any other backend; the login form says why.
            raise PermissionDenied("Too many failed sign-ins.")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failed_login(username, address)
        else:
            forget_failed_logins(username, address)
        return user

    def _runs_the_fund(self, user_obj) -> bool:
        if not hasattr(user_obj, "_holds_fmu_role"):
            user_obj._holds_fmu_role = holds_role(user_obj, Role.FMU)
        return user_obj._holds_fmu_role

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        """The Fund Management Unit runs the Fund: in the admin it may do what a model admin
        allows (the audit trail's admin still allows nothing but reading)."""
        if user_obj.is_active and self._runs_the_fund(user_obj):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        if user_obj.is_active and self._runs_the_fund(user_obj):
            return True
        return super().has_module_perms(user_obj, app_label)
