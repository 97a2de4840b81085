"""Who may see what the inbox knows: each person their own work; the FMU who is told."""

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission


@permission(
    "inbox.see_who_is_told",
    "see who would be told of a change, and how, before making it",
    roles=(Role.FMU,),
)
def see_who_is_told(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "inbox.see_own_work",
    "see what waits on you and the notifications sent to you, and choose how you are told "
    "(any signed-in person)",
    roles=tuple(Role),
)
def see_own_work(user, obj=None) -> bool:
    return user.is_authenticated and user.is_active
