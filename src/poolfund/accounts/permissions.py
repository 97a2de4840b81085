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
