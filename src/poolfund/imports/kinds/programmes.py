"""Joint Programmes, keyed by code; the columns of the open-data programmes dataset."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from poolfund.api.tabular import flatten
from poolfund.framework.models import Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country, RegionalBody
from poolfund.imports import cells
from poolfund.imports.kinds.base import Applied, Column, Kind, Outcome, Row, RowError, lookup
from poolfund.imports.kinds.commitments import thematic_area_numbers
from poolfund.programmes.api.serializers import ProgrammeSerializer
from poolfund.programmes.choices import JointProgrammeStatus
from poolfund.programmes.models import ParticipatingOrganisation
from poolfund.programmes.selectors import programmes
from poolfund.programmes.services.programme_records import ProgrammeRecord, record_joint_programme


class ProgrammeKind(Kind):
    slug = "programmes"
    title = gettext_lazy("Joint Programmes")
    key = "code"
    columns = (
        Column(
            "code", gettext_lazy("The programme's code; the key of the row."), True, example="JP-01"
        ),
        Column("title", gettext_lazy("Title."), True, example="Safe migration in the Sahel"),
        Column("description", gettext_lazy("What the programme does."), True, example="…"),
        Column(
            "countries",
            gettext_lazy("ISO alpha-3 codes, separated by semicolons (or a regional body)."),
            example="NER; MLI",
        ),
        Column("regional_bodies", gettext_lazy("Codes of regional bodies, e.g. caricom.")),
        Column(
            "thematic_area",
            gettext_lazy("Number of its thematic area."),
            True,
            choices=thematic_area_numbers,
            example="1",
        ),
        Column("objectives", gettext_lazy("GCM objective numbers."), example="1; 3"),
        Column(
            "suggested_objectives",
            gettext_lazy("Those of the objectives suggested, not stated by the source."),
        ),
        Column("budget_usd", gettext_lazy("Approved budget (USD)."), True, example="3000000.00"),
        Column(
            "budget_lines",
            gettext_lazy(
                "Each participating organisation's share in USD, indirect cost included, adding "
                "up to the budget."
            ),
            example="IOM 2000000.00; UNDP 1000000.00",
        ),
        Column(
            "indirect_cost_rate", gettext_lazy("Indirect cost rate (0.07 is 7%)."), example="0.07"
        ),
        Column(
            "status",
            gettext_lazy("Status."),
            choices=lambda: list(JointProgrammeStatus.values),
            example=JointProgrammeStatus.ACTIVE.value,
        ),
        Column("starts_on", gettext_lazy("Start date."), example="2024-01-01"),
        Column("ends_on", gettext_lazy("End date."), example="2026-12-31"),
        Column(
            "not_stated_in_source",
            gettext_lazy("Columns the source does not state (JSON list, as exported)."),
        ),
        Column("source", gettext_lazy("Where the record comes from.")),
    )

    def prepare(self) -> None:
        self.areas = {
            str(area.number): area
            for area in ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE)
        }
        self.objectives = {
            str(objective.number): objective
            for objective in Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE)
        }
        self.countries = {country.iso3: country for country in Country.objects.all()}
        self.bodies = {body.code: body for body in RegionalBody.objects.all()}
        self.organisations = {
            organisation.acronym: organisation
            for organisation in ParticipatingOrganisation.objects.all()
        }
        self.recorded = {programme.code: programme for programme in programmes()}

    def _many(self, row: Row, column: str, mapping: dict, what: str) -> list:
        return [
            lookup(mapping, column, code, what)
            for code in row.read(column, cells.codes, required=False)
        ]

    def _budget_lines(self, row: Row) -> list[tuple[ParticipatingOrganisation, Decimal]]:
        lines = []
        for part in row.read("budget_lines", cells.codes, required=False):
            acronym, _space, amount = part.rpartition(" ")
            organisation = lookup(self.organisations, "budget_lines", acronym, _("organisation"))
            try:
                lines.append((organisation, cells.amount(amount)))
            except cells.CellError as error:
                raise RowError("budget_lines", error.message) from None
        return lines

    def _not_stated(self, row: Row) -> list[str]:
        value = row.read("not_stated_in_source", cells.text, required=False)
        names = [part.strip(" \"'[]") for part in value.replace(";", ",").split(",")]
        return [name for name in names if name]

    def _record(self, row: Row) -> ProgrammeRecord:
        status = row.read("status", cells.text, required=False) or JointProgrammeStatus.ACTIVE
        if status not in JointProgrammeStatus.values:
            raise RowError("status", _("Use one of: %s.") % ", ".join(JointProgrammeStatus.values))
        rate = row.read("indirect_cost_rate", cells.text, required=False)
        return ProgrammeRecord(
            code=row.read("code", cells.text),
            title=row.read("title", cells.text),
            description=row.read("description", cells.text),
            thematic_area=lookup(
                self.areas,
                "thematic_area",
                row.read("thematic_area", cells.text),
                _("thematic area"),
            ),
            countries=[
                lookup(self.countries, "countries", code.upper(), _("country"))
                for code in row.read("countries", cells.codes, required=False)
            ],
            regional_bodies=self._many(row, "regional_bodies", self.bodies, _("regional body")),
            objectives=self._many(row, "objectives", self.objectives, _("objective")),
            suggested_objectives=self._many(
                row, "suggested_objectives", self.objectives, _("objective")
            ),
            budget_usd=row.read("budget_usd", cells.amount),
            budget_lines=self._budget_lines(row),
            indirect_cost_rate=row.read("indirect_cost_rate", cells.amount)
            if rate
            else Decimal("0.07"),
            status=JointProgrammeStatus(status),
            starts_on=row.read("starts_on", cells.optional_date, required=False),
            ends_on=row.read("ends_on", cells.optional_date, required=False),
            not_stated_in_source=self._not_stated(row),
            source=row.read("source", cells.text, required=False),
        )

    def apply(self, row: Row, *, actor) -> Applied:
        record = self._record(row)
        existing = self.recorded.get(record.code)
        before = _comparable(existing) if existing else None
        if before is not None and before == _comparable_record(record):
            return Applied(Outcome.UNCHANGED)
        programme, created = record_joint_programme(actor=actor, record=record, reason="import")
        programme = programmes().get(pk=programme.pk)
        self.recorded[record.code] = programme
        if created:
            return Applied(Outcome.CREATED)
        after = _comparable(programme)
        return Applied(
            Outcome.UPDATED,
            {name: [before[name], value] for name, value in after.items() if before[name] != value},
        )

    def export_records(self) -> Iterator[dict[str, Any]]:
        yield from ProgrammeSerializer(programmes().order_by("code"), many=True).data


LIST_COLUMNS = (
    "countries",
    "regional_bodies",
    "objectives",
    "suggested_objectives",
    "budget_lines",
    "not_stated_in_source",
)


def _normalised(data: dict[str, Any]) -> dict[str, str]:
    """Values as text, lists in a fixed order, so a row and a record compare equal."""
    flat = {name: str(value) for name, value in flatten(data).items()}
    for name in LIST_COLUMNS:
        flat[name] = "; ".join(sorted(cells.codes(flat.get(name, ""))))
    return flat


def _comparable(programme) -> dict[str, str]:
    return _normalised(ProgrammeSerializer(programme).data)


def _comparable_record(record: ProgrammeRecord) -> dict[str, str]:
    existing = {
        "code": record.code,
        "title": record.title,
        "description": record.description,
        "countries": [country.iso3 for country in record.countries],
        "regional_bodies": [body.code for body in record.regional_bodies],
        "thematic_area": record.thematic_area.number,
        "objectives": [objective.number for objective in record.objectives],
        "suggested_objectives": [objective.number for objective in record.suggested_objectives],
        "budget_usd": f"{record.budget_usd:.2f}",
        "budget_lines": [
            f"{organisation.acronym} {amount:.2f}" for organisation, amount in record.budget_lines
        ],
        "indirect_cost_rate": f"{record.indirect_cost_rate:.4f}",
        "status": record.status.value,
        "starts_on": record.starts_on.isoformat() if record.starts_on else None,
        "ends_on": record.ends_on.isoformat() if record.ends_on else None,
        "not_stated_in_source": list(record.not_stated_in_source),
        "source": record.source,
    }
    return _normalised(existing)
