from poolfund.accounts.choices import Role
from poolfund.accounts.policy import holds_role, permission


@permission(
    "ledger.post_transaction",
    "post to the Fund's ledger (interest, refunds, transfers, reversals)",
    roles=(Role.FMU,),
)
def post_transaction(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)
