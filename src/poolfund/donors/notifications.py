"""The message of the donors' side: a deposit recorded, to the donor's focal points."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.accounts.models import RoleAssignment, User
from poolfund.accounts.selectors import users_holding
from poolfund.donors.models import Deposit, Donor
from poolfund.inbox.registry import MessageKind, register_message_kind


def focal_points_of_depositor(deposit: Deposit) -> QuerySet[User]:
    return users_holding(Role.DONOR_FOCAL_POINT, donor=deposit.commitment.donor_id)


def focal_points_by_donor(donors: Iterable[Donor]) -> dict[int, list[User]]:
    """`focal_points_of_depositor` for the deposits of many donors, in one query (donors
    without any are left out)."""
    by_donor: dict[int, list[User]] = defaultdict(list)
    for assignment in (
        RoleAssignment.objects.active_on(None)
        .filter(role=Role.DONOR_FOCAL_POINT, donor__in=donors, user__is_active=True)
        .select_related("user")
    ):
        if assignment.user not in by_donor[assignment.donor_id]:
            by_donor[assignment.donor_id].append(assignment.user)
    return dict(by_donor)


DEPOSIT_RECORDED = register_message_kind(
    MessageKind(
        slug="donors.deposit-recorded",
        label=_("A deposit of your donor is recorded"),
        subject=lambda v: gettext("Deposit of %(donor)s recorded: %(amount)s") % v,
        body=lambda v: (
            gettext(
                "The Fund has recorded a deposit of %(amount)s from %(donor)s, received on "
                "%(received_on)s (bank reference %(bank_reference)s), worth %(equivalent_usd)s."
            )
            % v
        ),
        recipients=focal_points_of_depositor,
    )
)


def tell_deposit_recorded(
    deposit: Deposit, *, actor, focal_points: list[User] | None = None
) -> None:
    """`focal_points` are the donor's (`focal_points_of_depositor`), when known already."""
    from poolfund.inbox.services import notify

    donor = deposit.commitment.donor
    notify(
        DEPOSIT_RECORDED.slug,
        about=deposit,
        recipients=focal_points,
        actor=actor,
        params={
            "donor": donor.name,
            "amount": str(deposit.amount),
            "currency": deposit.currency,
            "received_on": deposit.received_on.isoformat(),
            "bank_reference": deposit.bank_reference,
            "equivalent_usd": str(deposit.usd_amount),
        },
        url=reverse("donors:detail", args=[donor.slug]),
    )
