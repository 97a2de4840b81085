"""DRF permission classes that ask the policy registry (`poolfund.accounts.policy`)."""

from rest_framework.permissions import BasePermission

from poolfund.accounts.policy import can


def allowed_by(permission_name: str) -> type[BasePermission]:
    """A DRF permission class granting what `can(user, permission_name)` grants."""

    class PolicyPermission(BasePermission):
        message = f"You do not hold the permission {permission_name!r}."

        def has_permission(self, request, view) -> bool:
            return can(request.user, permission_name)

    PolicyPermission.__name__ = f"AllowedBy({permission_name})"
    return PolicyPermission
