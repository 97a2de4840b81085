"""Who may see and record contributions. The public sees the donor list and the published
totals; a donor's focal point sees that donor's contributions in full; the FMU records money."""

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import active_role_assignments, holds_role, permission


def is_focal_point_of(user, donor) -> bool:
    return donor is not None and any(
        assignment.role == Role.DONOR_FOCAL_POINT and assignment.donor_id == donor.pk
        for assignment in active_role_assignments(user)
    )


@permission(
    "donors.record_contribution",
    "record donors, commitments, deposits and capitalization targets",
    roles=(Role.FMU,),
)
def record_contribution(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "donors.import_rates", "import the currency rates used for USD equivalents", roles=(Role.FMU,)
)
def import_rates(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "donors.view_contribution_details",
    "see a donor's contributions in full (bank references, rates, focal points)",
    roles=(Role.FMU, Role.DONOR_FOCAL_POINT),
)
def view_contribution_details(user, donor=None) -> bool:
    return holds_role(user, Role.FMU) or is_focal_point_of(user, donor)
