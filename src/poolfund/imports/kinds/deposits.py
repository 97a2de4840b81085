"""Deposits, keyed by bank reference; the columns of the deposits export as the FMU sees
it (`/api/v1/deposits/?format=csv`), without the database id."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from poolfund.donors import services
from poolfund.donors.api.serializers import DepositDetailSerializer
from poolfund.donors.models import Commitment, Deposit
from poolfund.imports import cells
from poolfund.imports.kinds.base import Applied, Column, Kind, Outcome, Row, RowError, lookup
from poolfund.ledger.currencies import to_minor_units


@dataclass(frozen=True, slots=True)
class Recorded:
    """What a row is compared with: a deposit as recorded (or as an earlier row recorded it)."""

    commitment: str
    received_on: date
    amount: Decimal
    is_over_payment: bool
    reversed: bool = False

    def changes_to(self, wanted: "Recorded") -> dict[str, list[str]]:
        return {
            name: [str(getattr(self, name)), str(getattr(wanted, name))]
            for name in ("commitment", "received_on", "amount", "is_over_payment")
            if getattr(self, name) != getattr(wanted, name)
        }


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

    savepoint_per_row = False

    def prepare(self) -> None:
        self.commitments = {
            commitment.reference: commitment
            for commitment in Commitment.objects.select_related(
                "donor", "thematic_area__framework", "country", "region"
            )
        }
        self.deposits = {
            reference: Recorded(
                commitment=commitment,
                received_on=received_on,
                amount=to_minor_units(amount, currency),
                is_over_payment=is_over_payment,
                reversed=reversal is not None,
            )
            for reference, commitment, received_on, amount, currency, is_over_payment, reversal in (
                Deposit.objects.filter(is_superseded=False)
                .values_list(
                    "bank_reference",
                    "commitment__reference",
                    "received_on",
                    "amount",
                    "currency",
                    "is_over_payment",
                    "ledger_transaction__reversal",
                )
                .iterator(chunk_size=5000)
            )
        }
        self.batch = services.DepositBatch(recorded_references=set(self.deposits))

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
        wanted = Recorded(
            commitment=commitment.reference,
            received_on=row.read("received_on", cells.as_date),
            amount=to_minor_units(row.read("amount", cells.amount), commitment.currency),
            is_over_payment=row.read("is_over_payment", cells.yes_no, required=False),
        )
        recorded = self.deposits.get(reference)
        if recorded is None:
            self.batch.record(
                commitment=commitment,
                amount=wanted.amount,
                received_on=wanted.received_on,
                bank_reference=reference,
                is_over_payment=wanted.is_over_payment,
            )
            self.deposits[reference] = wanted
            return Applied(Outcome.CREATED)
        changes = recorded.changes_to(wanted)
        if not changes:
            return Applied(Outcome.UNCHANGED)
        if recorded.reversed:
            raise RowError(
                "bank_reference",
                _("The deposit %(reference)s was reversed; it is not changed again.")
                % {"reference": reference},
            )
        self.batch.correct(
            actor=actor,
            bank_reference=reference,
            commitment=commitment,
            amount=wanted.amount,
            received_on=wanted.received_on,
            is_over_payment=wanted.is_over_payment,
            reason=_("corrected by a spreadsheet import"),
        )
        self.deposits[reference] = wanted
        return Applied(Outcome.REPLACED, changes)

    def flush(self, *, actor) -> None:
        self.batch.write(actor=actor)

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
            yield DepositDetailSerializer(deposit).data
