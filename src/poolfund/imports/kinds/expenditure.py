"""Expenditure an organisation reports for a Joint Programme over a period, keyed by the
programme, the organisation and the period's end (one report per period, as the model holds
it); the columns of the expenditure export. Each row is recorded through
`record_expenditure`, the service of the programme page's expenditure form, so an
organisation's expenditure stays within its share of the budget."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from poolfund.imports import cells
from poolfund.imports.kinds.base import (
    Applied,
    Column,
    Kind,
    Outcome,
    Row,
    RowError,
    differences,
)
from poolfund.imports.kinds.programme_rows import ProgrammeRows, organisation_acronyms
from poolfund.programmes.api.serializers import ExpenditureSerializer
from poolfund.programmes.models import ExpenditureReport
from poolfund.programmes.services.expenditure import record_expenditure


def expenditure_reports():
    return ExpenditureReport.objects.select_related("programme", "organisation").order_by(
        "programme__code", "organisation__acronym", "period_end"
    )


def _key(record: dict[str, Any]) -> tuple[str, str, str]:
    return record["programme"], record["organisation"], str(record["period_end"])


class ExpenditureKind(ProgrammeRows, Kind):
    slug = "expenditure"
    title = gettext_lazy("Expenditure")
    key = "programme, organisation, period_end"
    columns = (
        Column("programme", gettext_lazy("Joint Programme code."), True, example="JP-01"),
        Column(
            "organisation",
            gettext_lazy("Participating UN organisation (acronym) that spent the money."),
            True,
            choices=organisation_acronyms,
            example="IOM",
        ),
        Column(
            "period_start",
            gettext_lazy("First day of the reporting period."),
            True,
            example="2024-01-01",
        ),
        Column(
            "period_end",
            gettext_lazy(
                "Last day of the reporting period; with the programme and the "
                "organisation, the key of the row."
            ),
            True,
            example="2024-12-31",
        ),
        Column(
            "amount_usd",
            gettext_lazy("USD spent over the period."),
            True,
            example="150000.00",
        ),
    )

    def prepare(self) -> None:
        self.read_programmes()
        self.recorded = {_key(record): record for record in self.export_records()}

    def apply(self, row: Row, *, actor) -> Applied:
        wanted = {
            **self.programme_and_organisation(row),
            "period_start": row.read("period_start", cells.as_date),
            "period_end": row.read("period_end", cells.as_date),
            "amount_usd": row.read("amount_usd", cells.amount),
        }
        plain = {
            "programme": wanted["programme"].code,
            "organisation": wanted["organisation"].acronym,
            "period_start": wanted["period_start"].isoformat(),
            "period_end": wanted["period_end"].isoformat(),
            "amount_usd": f"{wanted['amount_usd']:.2f}",
        }
        recorded = self.recorded.get(_key(plain))
        if recorded is None:
            report = record_expenditure(actor=actor, **wanted)
            self.recorded[_key(plain)] = ExpenditureSerializer(report).data
            return Applied(Outcome.CREATED)
        changes = differences(recorded, plain)
        if not changes:
            return Applied(Outcome.UNCHANGED)
        raise RowError(
            ", ".join(changes),
            _(
                "The expenditure of %(organisation)s on %(programme)s to %(period_end)s is "
                "recorded with other values; recorded expenditure is not edited by an import."
            )
            % plain,
        )

    def export_records(self) -> Iterator[dict[str, Any]]:
        yield from ExpenditureSerializer(expenditure_reports(), many=True).data
