from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission


@permission(
    "iati.set_organisation_identifier",
    "set the IATI organisation identifier the Fund's IATI export uses for an organisation",
    roles=(Role.FMU,),
)
def set_organisation_identifier(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)
