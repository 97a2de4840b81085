"""A Joint Programme as an IATI activity: `ProgrammeActivity(programme).build()`. Codes come
from the shipped codelists; what the records do not state is left out (see docs/iati.md for the
two values the schema requires whatever we know)."""

import datetime
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from poolfund.iati.activity import (
    Activity,
    Budget,
    Disaggregated,
    Indicator,
    Org,
    Period,
    PlannedDisbursement,
    Result,
    Share,
    Transaction,
    even_percentages,
)
from poolfund.iati.codelists import code
from poolfund.iati.organisations import (
    donor_org,
    fund_org,
    national_partner,
    organisation_identifier,
    reporting_org,
    un_organisation,
)
from poolfund.iati.programme_money import REVISED, ProgrammeMoney, yearly_budgets
from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.programmes.choices import DecisionKind, JointProgrammeStatus
from poolfund.programmes.models import JointProgramme, ProgrammeObjective
from poolfund.results.models import IndicatorValue, Output
from poolfund.results.selectors import counting_values, results_framework

DAC_MIGRATION_SECTOR = "15190"
GCM_VOCABULARY = "99"  # SectorVocabulary: Reporting Organisation
GCM_VOCABULARY_URI = "https://undocs.org/A/RES/73/195"
REGIONAL_BODY_VOCABULARY = "99"  # RegionVocabulary: Reporting Organisation
ACTIVITY_STATUSES = {
    JointProgrammeStatus.ACTIVE: "Implementation",
    JointProgrammeStatus.NO_COST_EXTENSION: "Implementation",
    JointProgrammeStatus.OPERATIONALLY_CLOSED: "Finalisation",
    JointProgrammeStatus.FINANCIALLY_CLOSED: "Closed",
}


def activity_identifier(programme: JointProgramme) -> str:
    return f"{organisation_identifier()}-{programme.code}"


def published_programmes() -> QuerySet[JointProgramme]:
    """Every Joint Programme: they are all public."""
    return JointProgramme.objects.select_related("thematic_area", "concept_note").prefetch_related(
        "countries",
        "regional_bodies",
        Prefetch(
            "programmeobjective_set",
            queryset=ProgrammeObjective.objects.select_related("objective"),
        ),
        "budget_lines__organisation__iati_identifier",
        "concept_note__national_partners__iati_identifier",
    )


class ProgrammeActivity:
    """Builds the `Activity` of one Joint Programme, leaving out what its records do not hold."""

    def __init__(self, programme: JointProgramme, today: datetime.date | None = None) -> None:
        self.programme = programme
        self.today = today or datetime.date.today()
        self.approved_on = self.approval_date()
        self.money = ProgrammeMoney(
            programme=programme,
            org_of=un_organisation,
            fund=fund_org(),
            donor_org=donor_org,
            approved_on=self.approved_on,
            today=self.today,
        )

    def stated(self, field_name: str) -> bool:
        return self.programme.is_stated(field_name)

    def build(self) -> Activity:
        programme = self.programme
        countries, regions = self.countries_and_regions()
        incoming, disbursements = self.money.incoming_funds_and_disbursements
        return Activity(
            identifier=activity_identifier(programme),
            reporting_org=reporting_org(),
            title=programme.title,
            description=programme.description,
            status=code("ActivityStatus", ACTIVITY_STATUSES[programme.status]),
            default_currency=FUND_CURRENCY,
            participating_orgs=self.participating_orgs(),
            dates=self.dates(),
            countries=countries,
            regions=regions,
            sectors=self.sectors(),
            default_finance_type=settings.IATI_DEFAULT_FINANCE_TYPE,
            default_aid_type=settings.IATI_DEFAULT_AID_TYPE,
            budgets=self.budgets(),
            planned_disbursements=self.planned_disbursements(),
            transactions=[
                *incoming,
                *self.commitments(),
                *disbursements,
                *self.money.expenditure(),
            ],
            results=self.results(),
        )

    def approval_date(self) -> datetime.date | None:
        note = self.programme.concept_note
        if note is None:
            return None
        approval = note.decisions.filter(kind=DecisionKind.APPROVE).order_by("decided_at").last()
        return approval.decided_at.date() if approval else None

    def period(self) -> tuple[datetime.date, datetime.date] | None:
        """The programme's start and end, when both are known."""
        programme = self.programme
        known = self.stated("starts_on") and self.stated("ends_on")
        if known and programme.starts_on and programme.ends_on:
            return programme.starts_on, programme.ends_on
        return None

    def organisations(self) -> list:
        if not self.stated("organisations"):
            return []
        return [line.organisation for line in self.programme.budget_lines.all()]

    def partners(self) -> list:
        note = self.programme.concept_note
        return list(note.national_partners.all()) if note else []

    def participating_orgs(self) -> list[Org]:
        """Funders (only those whose money reached the programme), the Fund as extending
        organisation, the UN organisations and national partners as implementing."""
        funding = code("OrganisationRole", "Funding")
        implementing = code("OrganisationRole", "Implementing")
        return [
            *(replace(each, role=funding) for each in self.money.funders()),
            fund_org(role=code("OrganisationRole", "Extending")),
            *(un_organisation(each, implementing) for each in self.organisations()),
            *(national_partner(each, implementing) for each in self.partners()),
        ]

    def dates(self) -> dict[str, datetime.date]:
        """Only the dates the records hold: the planned start and end, and the actual start
        (the first disbursement, as the ActivityDateType codelist defines it)."""
        programme, dates = self.programme, {}
        if programme.starts_on and self.stated("starts_on"):
            dates[code("ActivityDateType", "Planned start")] = programme.starts_on
        if programme.ends_on and self.stated("ends_on"):
            dates[code("ActivityDateType", "Planned End")] = programme.ends_on
        first = [day for _t, day, amount, _w in self.money.moves() if amount > 0]
        if first:
            dates[code("ActivityDateType", "Actual start")] = min(first)
        return dates

    def countries_and_regions(self) -> tuple[list[Share], list[Share]]:
        """Countries (ISO alpha-2) and regional bodies (RegionVocabulary 99), an even split of
        100% when, as today, the data gives no shares."""
        countries = list(self.programme.countries.all())
        bodies = list(self.programme.regional_bodies.all())
        shares = even_percentages(len(countries) + len(bodies))
        return (
            [Share(code=c.iso2, percentage=p) for c, p in zip(countries, shares, strict=False)],
            [
                Share(
                    code=body.code.upper(),
                    percentage=p,
                    vocabulary=REGIONAL_BODY_VOCABULARY,
                    name=body.name,
                )
                for body, p in zip(bodies, shares[len(countries) :], strict=True)
            ],
        )

    def sectors(self) -> list[Share]:
        sectors = [Share(code=DAC_MIGRATION_SECTOR, percentage=Decimal(100), vocabulary="1")]
        if not self.stated("objectives"):
            return sectors
        objectives = [
            link.objective
            for link in self.programme.programmeobjective_set.all()
            if not link.is_suggested
        ]
        return sectors + [
            Share(
                code=str(objective.number),
                percentage=percentage,
                vocabulary=GCM_VOCABULARY,
                vocabulary_uri=GCM_VOCABULARY_URI,
                name=objective.title,
            )
            for objective, percentage in zip(
                objectives, even_percentages(len(objectives)), strict=True
            )
        ]

    def budgets(self) -> list[Budget]:
        """The original budget per programme year over the original dates and, once revised
        (a budget revision or a no-cost extension), the revised budget over the current ones."""
        period = self.period()
        if period is None:
            return []
        start, end = period
        total = self.programme.budget_usd
        original = yearly_budgets(
            total, start, self.money.original_end() or end, self.approved_on or start
        )
        revised_on = self.money.revised_on()
        if revised_on is None:
            return original
        return original + yearly_budgets(total, start, end, revised_on, REVISED)

    def planned_disbursements(self) -> list[PlannedDisbursement]:
        period = self.period()
        if period is None or not self.stated("organisations"):
            return []
        return self.money.planned_disbursements(*period, self.approved_on or period[0])

    def commitments(self) -> list[Transaction]:
        """The approved budget of each organisation (Outgoing Commitment), on the approval."""
        if not self.stated("organisations"):
            return []
        return self.money.commitments(self.approved_on)

    def results(self) -> list[Result]:
        """Each output with indicators (IATI results need one); values from accepted progress
        reports."""
        values: dict[int, list[IndicatorValue]] = {}
        parts: dict[tuple[int, int], list[Disaggregated]] = {}
        for value in (
            counting_values()
            .filter(report__scheduled_report__programme=self.programme)
            .select_related("report__scheduled_report")
            .order_by("pk")
        ):
            if value.breakdown:
                parts.setdefault((value.indicator_id, value.report_id), []).append(
                    Disaggregated(_number(value.value), tuple(sorted(value.breakdown.items())))
                )
            else:
                values.setdefault(value.indicator_id, []).append(value)
        self.disaggregated_values = parts
        outputs: list[Output] = [
            output
            for outcome in results_framework(self.programme)
            for output in outcome.outputs.all()
        ]
        return [
            Result(
                result_type=code("ResultType", "Output"),
                title=output.statement,
                indicators=[self.indicator(each, values.get(each.pk, [])) for each in indicators],
            )
            for output in outputs
            if (indicators := list(output.indicators.all()))
        ]

    def indicator(self, indicator, values: list[IndicatorValue]) -> Indicator:
        start = self.programme.starts_on if self.stated("starts_on") else None
        end = self.programme.ends_on if self.stated("ends_on") else None
        targets = tuple(
            Disaggregated(_number(Decimal(str(value))), ((dimension, category),))
            for dimension, cells in sorted(indicator.target_breakdown.items())
            for category, value in cells.items()
        )
        periods = [
            Period(
                start=value.report.period_start,
                end=value.report.period_end,
                target=_number(indicator.target),
                actual=_number(value.value),
                disaggregated=tuple(
                    self.disaggregated_values.get((indicator.pk, value.report_id), ())
                ),
                disaggregated_targets=targets,
            )
            for value in sorted(values, key=lambda value: value.report.period_end)
        ]
        if not periods and start and end:
            periods = [
                Period(
                    start=start,
                    end=end,
                    target=_number(indicator.target),
                    disaggregated_targets=targets,
                )
            ]
        return Indicator(
            title=f"{indicator.description} ({indicator.unit})",
            measure=code("IndicatorMeasure", "Unit"),
            baseline_year=start.year if start else None,
            baseline_value=_number(indicator.baseline),
            periods=periods,
        )


def _number(value: Decimal) -> str:
    """A measure without trailing zeros: 12.5000 → 12.5, 40.0000 → 40."""
    text = f"{value.normalize():f}"
    return text
