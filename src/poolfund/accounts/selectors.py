from django.db.models import QuerySet

from poolfund.accounts.models import ApiToken, User
from poolfund.accounts.policy import can


def active_token_for_key(key: str) -> ApiToken | None:
    return (
        ApiToken.objects.filter(digest=ApiToken.digest_for(key), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_tokens_revocable_by(user: User) -> QuerySet[ApiToken]:
    """The Fund Management Unit may revoke anyone's tokens; others only their own."""
    if can(user, "accounts.revoke_any_api_token"):
        return ApiToken.objects.all()
    return api_tokens_of(user)


def users_holding(role, *, on=None, **scope) -> QuerySet[User]:
    """Active people holding `role` on a day (today by default), optionally for a scope:
    `users_holding(Role.DONOR_FOCAL_POINT, donor=donor)`, `organisation__in=[...]`."""
    from poolfund.accounts.models import RoleAssignment

    holders = RoleAssignment.objects.active_on(on).filter(role=role, **scope).values("user_id")
    return User.objects.filter(is_active=True, pk__in=holders)
