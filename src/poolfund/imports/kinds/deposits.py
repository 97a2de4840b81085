"""Deposits, keyed by bank reference; the columns of the contributions export as the FMU sees
it (`/api/v1/contributions/?format=csv`), without the database id."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from poolfund.donors import services
from poolfund.donors.api.serializers import ContributionDetailSerializer
from poolfund.donors.models import Commitment, Deposit
from poolfund.imports import cells
from poolfund.imports.kinds.base import Applied, Column, Kind, Outcome, Row, RowError, lookup
from poolfund.ledger.currencies import to_minor_units


class DepositKind(Kind):
    slug = "deposits"
    title = gettext_lazy("Deposits")
    key = "bank_reference"
    columns = (
        Column("donor", gettext_lazy("The commitment's donor."), read_only=True),
        Column(
            "received_on",
            gettext_lazy("Day the money arrived (its rate is that day's)."),
            required=True,
            example="2024-03-31",
        ),
        Column(
            "amount",
            gettext_lazy("Amount received, in the commitment's currency."),
            required=True,
            example="250000.00",
        ),
        Column(
            "currency",
            gettext_lazy("The commitment's currency (checked if given)."),
            example="USD",
        ),
        Column("usd_amount", gettext_lazy("USD equivalent."), read_only=True),
        Column("earmark", gettext_lazy("The commitment's earmark."), read_only=True),
        Column("thematic_area", gettext_lazy("The commitment's thematic area."), read_only=True),
        Column("earmark_country", gettext_lazy("The commitment's country."), read_only=True),
        Column("earmark_region", gettext_lazy("The commitment's region."), read_only=True),
        Column("reversed", gettext_lazy("Whether the deposit was reversed."), read_only=True),
        Column(
            "commitment",
            gettext_lazy("Reference of the commitment it is paid on."),
            required=True,
            example="ESP-2024-01",
        ),
        Column("usd_rate", gettext_lazy("Units of the currency per USD."), read_only=True),
        Column("rate_date", gettext_lazy("Day of the rate used."), read_only=True),
        Column(
            "bank_reference",
            gettext_lazy("The bank's reference of the payment; the key of the row."),
            required=True,
            example="BANK-2024-0001",
        ),
        Column(
            "is_over_payment",
            gettext_lazy("true if the donor means to give more than the commitment."),
            choices=lambda: ["true", "false"],
            example="false",
        ),
    )

    def prepare(self) -> None:
        self.commitments = {
            commitment.reference: commitment
            for commitment in Commitment.objects.select_related("donor")
        }
        self.deposits = {
            deposit.bank_reference: deposit
            for deposit in Deposit.objects.filter(is_superseded=False).select_related(
                "commitment", "ledger_transaction__reversal"
            )
        }

    def apply(self, row: Row, *, actor) -> Applied:
        reference = row.read("bank_reference", cells.text)
        commitment = lookup(
            self.commitments, "commitment", row.read("commitment", cells.text), _("commitment")
        )
        currency = row.read("currency", cells.text, required=False).upper()
        if currency and currency != commitment.currency:
            raise RowError(
                "currency",
                _("The commitment %(reference)s is in %(currency)s; a deposit on it is too.")
                % {"reference": commitment.reference, "currency": commitment.currency},
            )
        wanted = {
            "commitment": commitment.reference,
            "received_on": row.read("received_on", cells.as_date),
            "amount": to_minor_units(row.read("amount", cells.amount), commitment.currency),
            "is_over_payment": row.read("is_over_payment", cells.yes_no, required=False),
        }
        deposit = self.deposits.get(reference)
        if deposit is None:
            self.deposits[reference] = services.record_deposit(
                actor=actor,
                commitment=commitment,
                amount=wanted["amount"],
                received_on=wanted["received_on"],
                bank_reference=reference,
                is_over_payment=wanted["is_over_payment"],
            )
            return Applied(Outcome.CREATED)
        recorded = {
            "commitment": deposit.commitment.reference,
            "received_on": deposit.received_on,
            "amount": to_minor_units(deposit.amount, deposit.currency),
            "is_over_payment": deposit.is_over_payment,
        }
        changes = {
            name: [str(recorded[name]), str(value)]
            for name, value in wanted.items()
            if recorded[name] != value
        }
        if not changes:
            return Applied(Outcome.UNCHANGED)
        if hasattr(deposit.ledger_transaction, "reversal"):
            raise RowError(
                "bank_reference",
                _("The deposit %(reference)s was reversed; it is not changed again.")
                % {"reference": reference},
            )
        self.deposits[reference] = services.correct_deposit(
            actor=actor,
            deposit=deposit,
            commitment=commitment,
            amount=wanted["amount"],
            received_on=wanted["received_on"],
            is_over_payment=wanted["is_over_payment"],
            reason=_("corrected by a spreadsheet import"),
        )
        return Applied(Outcome.REPLACED, changes)

    def export_records(self) -> Iterator[dict[str, Any]]:
        deposits = (
            Deposit.objects.filter(is_superseded=False)
            .select_related(
                "commitment__donor",
                "commitment__thematic_area",
                "commitment__country",
                "commitment__region",
                "ledger_transaction__reversal",
            )
            .order_by("received_on", "id")
            .iterator(chunk_size=2000)
        )
        for deposit in deposits:
            yield ContributionDetailSerializer(deposit).data
