from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission

CONTRIBUTOR_ROLES = (
    Role.FMU,
    Role.GOVERNMENT_FOCAL_POINT,
    Role.ORGANISATION_FOCAL_POINT,
    Role.CIVIL_SOCIETY,
)
JUDGE_ROLES = (Role.FMU, Role.GOVERNMENT_FOCAL_POINT, Role.ORGANISATION_FOCAL_POINT)


def _holds_any(user, roles) -> bool:
    return any(holds_role(user, role) for role in roles)


@permission(
    "knowledge.share_experience",
    "share a good practice or a lesson learned",
    roles=CONTRIBUTOR_ROLES,
)
def share_experience(user, obj=None) -> bool:
    return _holds_any(user, CONTRIBUTOR_ROLES)


@permission(
    "knowledge.judge_suggestion",
    "accept or reject a suggested GCM objective",
    roles=JUDGE_ROLES,
)
def judge_suggestion(user, obj=None) -> bool:
    return _holds_any(user, JUDGE_ROLES)
