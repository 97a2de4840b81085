"""Writes about people: accounts, the roles they hold and their API tokens. Each write is
recorded in the audit trail; `actor` is None only for operator commands, which then name
themselves in `actor_label` (e.g. "cli: createuser")."""

import secrets
from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from poolfund.accounts.choices import Role
from poolfund.accounts.models import ApiToken, RoleAssignment, User
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import Conflict, DomainError


class InvalidAccount(DomainError):
    code = "invalid_account"


def _fields_of(error: ValidationError) -> dict[str, str]:
    return {field: " ".join(messages) for field, messages in error.message_dict.items()}


def _validated(instance, *, exclude: tuple[str, ...] = ()) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        fields = _fields_of(error)
        raise InvalidAccount(" ".join(fields.values()), fields=fields) from error


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    actor_label: str = "",
    username: str,
    password: str,
    email: str = "",
    is_staff: bool = False,
) -> User:
    if User.objects.filter(username=username).exists():
        raise Conflict(
            gettext("A user called %(username)r already exists.") % {"username": username},
            fields={"username": ""},
        )
    user = User(username=username, email=email, is_staff=is_staff)
    try:
        validate_password(password, user)
    except ValidationError as error:
        message = " ".join(error.messages)
        raise InvalidAccount(message, fields={"password": message}) from error
    user.set_password(password)
    _validated(user)
    user.save()
    record_event(actor=actor, actor_label=actor_label, action=AuditAction.CREATE, instance=user)
    return user


@transaction.atomic
def assign_role(
    *,
    actor: User | None,
    actor_label: str = "",
    user: User,
    role: Role,
    country=None,
    donor=None,
    organisation=None,
    constituency: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    reason: str = "",
) -> RoleAssignment:
    assignment = RoleAssignment(
        user=user,
        role=role,
        country=country,
        donor=donor,
        organisation=organisation,
        constituency=constituency,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    _validated(assignment)
    assignment.save()
    record_event(
        actor=actor,
        actor_label=actor_label,
        action=AuditAction.CREATE,
        instance=assignment,
        reason=reason,
    )
    return assignment


@transaction.atomic
def create_api_token(
    *, actor: User | None, actor_label: str = "", user: User, name: str
) -> tuple[ApiToken, str]:
    """A new token for `user`, and its key: the only time the key is known."""
    if not name.strip():
        raise InvalidAccount(
            gettext("Say what the token is for."), fields={"name": gettext("Required.")}
        )
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=key[:8], digest=ApiToken.digest_for(key)
    )
    record_event(actor=actor, actor_label=actor_label, action=AuditAction.CREATE, instance=token)
    return token, key


@transaction.atomic
def revoke_api_token(
    *, actor: User | None, actor_label: str = "", token: ApiToken, reason: str = ""
) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.is_revoked:
        raise Conflict(gettext("This token was already revoked."))
    before = snapshot(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        actor=actor,
        actor_label=actor_label,
        action=AuditAction.UPDATE,
        instance=token,
        before=before,
        reason=reason,
    )
    return token


@transaction.atomic
def create_user_with_role(
    *,
    actor: User | None,
    actor_label: str = "",
    username: str,
    password: str,
    email: str = "",
    role: Role,
    reason: str = "",
    **scope,
) -> User:
    """A new person holding one role (scoped and dated by `scope`: country, donor, organisation,
    constituency, starts_on, ends_on), or nobody if either is invalid. The Fund Management Unit
    is staff, so it can use the Django admin."""
    user = create_user(
        actor=actor,
        actor_label=actor_label,
        username=username,
        password=password,
        email=email,
        is_staff=role == Role.FMU,
    )
    assign_role(actor=actor, actor_label=actor_label, user=user, role=role, reason=reason, **scope)
    return user
