from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission


@permission("audit.view_history", "see the change history of records", roles=(Role.FMU,))
def view_history(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "framework.change", "change the framework (objectives, thematic areas)", roles=(Role.FMU,)
)
def change_framework(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "accounts.manage_own_api_tokens",
    "create and revoke your own API tokens (any signed-in person)",
    roles=tuple(Role),
)
def manage_own_api_tokens(user, obj=None) -> bool:
    return user.is_authenticated and user.is_active


@permission("accounts.revoke_any_api_token", "revoke anyone's API token", roles=(Role.FMU,))
def revoke_any_api_token(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)
