from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission


@permission("jobs.view", "see background jobs and their outcome", roles=(Role.FMU,))
def view_jobs(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)
