from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission


@permission(
    "allocation.run_optimiser",
    "run the allocation optimiser on a round",
    roles=(Role.FMU, Role.STEERING_COMMITTEE),
)
def run_optimiser(user, obj=None) -> bool:
    return holds_role(user, Role.FMU) or holds_role(user, Role.STEERING_COMMITTEE)


@permission(
    "allocation.record_decision",
    "record the Steering Committee's allocation decision (approve the chosen notes with their "
    "amounts); only a member whose seat is active on the day",
    roles=(Role.STEERING_COMMITTEE,),
)
def record_decision(user, obj=None) -> bool:
    return holds_role(user, Role.STEERING_COMMITTEE)


@permission(
    "allocation.prepare_round",
    "set the policy settings of an allocation round",
    roles=(Role.FMU,),
)
def prepare_round(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)
