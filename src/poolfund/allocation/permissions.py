from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission


@permission(
    "allocation.run_optimiser",
    "run the allocation optimiser on a round",
    roles=(Role.FMU, Role.STEERING_COMMITTEE),
)
def run_optimiser(user, obj=None) -> bool:
    return holds_role(user, Role.FMU) or holds_role(user, Role.STEERING_COMMITTEE)
