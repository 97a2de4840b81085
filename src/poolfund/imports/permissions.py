"""Who may bring records in from spreadsheets: the Fund Management Unit."""

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission


@permission(
    "imports.import_spreadsheet",
    "bring donors, commitments, deposits, programmes and transfers in from spreadsheets",
    roles=(Role.FMU,),
)
def import_spreadsheet(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)
