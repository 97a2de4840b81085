"""Who may do what. Every permission in PoolFund is a named rule registered here.

Each app declares its rules in its own `permissions.py` with `@permission(...)`; they are
collected into one registry when Django starts, so views, the API, the CLI and the services
all ask the same question (`can(user, "donors.record_contribution")`) and `poolfund permissions`
prints the one table.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext

from poolfund.accounts.choices import Role

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.request import Request

    from poolfund.accounts.models import User

Rule = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Permission:
    name: str
    description: str
    rule: Rule
    roles: tuple[Role, ...]
    """The roles the rule can grant; printed in the permissions table."""


REGISTRY: dict[str, Permission] = {}


def permission(name: str, description: str, *, roles: tuple[Role, ...]) -> Callable[[Rule], Rule]:
    """Register `rule(user, obj) -> bool` as the rule for the permission `name`."""

    def register(rule: Rule) -> Rule:
        if name in REGISTRY:
            raise ValueError(f"The permission {name!r} is declared twice.")
        REGISTRY[name] = Permission(name, description, rule, roles)
        return rule

    return register


REMEMBERED = "_role_assignments_by_day"


def remember_role_assignments(user) -> None:
    """From now on, this user object reads its assignments of a day once (for one request:
    `RememberRoleAssignmentsMiddleware`; a new object, as the next request has, reads again)."""
    if user is not None and user.is_authenticated:
        setattr(user, REMEMBERED, {})


def active_role_assignments(user, on: date | None = None) -> list:
    """The user's role assignments in force on a day (today by default)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    remembered = getattr(user, REMEMBERED, None)
    if remembered is None:
        return _read_role_assignments(user, on)
    day = on or timezone.localdate()
    if day not in remembered:
        remembered[day] = _read_role_assignments(user, day)
    return remembered[day]


def _read_role_assignments(user, on: date | None) -> list:
    return list(user.role_assignments.active_on(on).select_related("country"))


def holds_role(user, role: Role, on: date | None = None) -> bool:
    return any(assignment.role == role for assignment in active_role_assignments(user, on))


def can(user, name: str, obj: Any = None) -> bool:
    try:
        registered = REGISTRY[name]
    except KeyError:
        raise KeyError(f"No permission called {name!r} is declared.") from None
    return bool(registered.rule(user, obj))


def require(user, name: str, obj: Any = None) -> None:
    """Raise PermissionDenied (403 in pages and the API) unless the user may."""
    if not can(user, name, obj):
        raise PermissionDenied(f"You do not have the right to {REGISTRY[name].description}.")


def signed_in_user(request: "HttpRequest | Request") -> "User":
    """The person making a request, for a view that only lets signed-in people this far (its
    `permission_required`, or a `require`) and passes them to a service as its actor; refused
    (403) for an anonymous visitor, should a view ever forget its check."""
    from poolfund.accounts.models import User

    if not isinstance(request.user, User):
        raise PermissionDenied(gettext("Sign in first."))
    return request.user


def require_unless_system(actor: "User | None", name: str, obj: Any = None) -> None:
    """`require` for a write service: `actor` is the person acting, or None for system work
    (a command or a loader, which whoever may run `poolfund` may do)."""
    if actor is not None:
        require(actor, name, obj)
