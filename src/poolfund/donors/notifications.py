"""The message of the donors' side: a deposit recorded, to the donor's focal points."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.accounts.models import User
from poolfund.accounts.selectors import users_holding
from poolfund.donors.models import Deposit
from poolfund.inbox.registry import MessageKind, register_message_kind


def focal_points_of_depositor(deposit: Deposit) -> QuerySet[User]:
    return users_holding(Role.DONOR_FOCAL_POINT, donor=deposit.commitment.donor_id)


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


def tell_deposit_recorded(deposit: Deposit, *, actor) -> None:
    from poolfund.inbox.services import notify

    donor = deposit.commitment.donor
    notify(
        DEPOSIT_RECORDED.slug,
        about=deposit,
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
