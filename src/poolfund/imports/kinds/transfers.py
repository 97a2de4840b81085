"""Transfers to participating organisations, keyed by the FMU's transfer reference; the
columns of the open-data transfers dataset without the ledger transaction's id. Each is posted
from the Fund's unearmarked pool through `transfer_to_organisation`."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from poolfund.imports import cells
from poolfund.imports.kinds.base import Applied, Column, Kind, Outcome, Row, RowError
from poolfund.imports.kinds.programme_rows import ProgrammeRows, organisation_acronyms
from poolfund.programmes.api.serializers import TRANSFER_KEY_PREFIX, TransferSerializer
from poolfund.programmes.models import ProgrammeTransfer
from poolfund.programmes.services.transfers import transfer_to_organisation


def transfers():
    return (
        ProgrammeTransfer.objects.select_related(
            "programme", "organisation", "transaction__reversal"
        )
        .prefetch_related("transaction__entries")
        .order_by("transaction__occurred_on", "pk")
    )


class TransferKind(ProgrammeRows, Kind):
    slug = "transfers"
    title = gettext_lazy("Transfers")
    key = "reference"
    columns = (
        Column(
            "reference",
            gettext_lazy("The FMU's reference of the transfer; the key of the row."),
            required=True,
            example="TR-2024-001",
        ),
        Column("programme", gettext_lazy("Joint Programme code."), True, example="JP-01"),
        Column(
            "organisation",
            gettext_lazy("Participating UN organisation (acronym)."),
            True,
            choices=organisation_acronyms,
            example="IOM",
        ),
        Column("occurred_on", gettext_lazy("Value date."), True, example="2024-04-15"),
        Column(
            "amount_usd",
            gettext_lazy("USD received by the organisation."),
            True,
            example="500000.00",
        ),
        Column("reversed_on", gettext_lazy("Date of its reversal, if any."), read_only=True),
    )

    def prepare(self) -> None:
        self.read_programmes()
        self.recorded = {
            record["reference"]: record
            for record in TransferSerializer(transfers(), many=True).data
            if record["reference"]
        }

    def apply(self, row: Row, *, actor) -> Applied:
        reference = row.read("reference", cells.text)
        wanted = {
            **self.programme_and_organisation(row),
            "occurred_on": row.read("occurred_on", cells.as_date),
            "amount_usd": row.read("amount_usd", cells.amount),
        }
        plain = {
            "programme": wanted["programme"].code,
            "organisation": wanted["organisation"].acronym,
            "occurred_on": wanted["occurred_on"].isoformat(),
            "amount_usd": f"{wanted['amount_usd']:.2f}",
        }
        recorded = self.recorded.get(reference)
        if recorded is None:
            link = transfer_to_organisation(
                actor=actor,
                programme=wanted["programme"],
                organisation=wanted["organisation"],
                amount_usd=wanted["amount_usd"],
                occurred_on=wanted["occurred_on"],
                idempotency_key=f"{TRANSFER_KEY_PREFIX}{reference}",
            )
            self.recorded[reference] = TransferSerializer(link).data
            return Applied(Outcome.CREATED)
        posted = {**recorded, "amount_usd": f"{Decimal(recorded['amount_usd']):.2f}"}
        changes = {
            name: [str(posted[name]), value]
            for name, value in plain.items()
            if str(posted[name]) != value
        }
        if not changes:
            return Applied(Outcome.UNCHANGED)
        raise RowError(
            ", ".join(changes),
            _(
                "The transfer %(reference)s is posted with other values; money posted is never "
                "edited. Reverse it in the ledger and import the transfer under a new reference."
            )
            % {"reference": reference},
        )

    def export_records(self) -> Iterator[dict[str, Any]]:
        yield from TransferSerializer(transfers(), many=True).data
