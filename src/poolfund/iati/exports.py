"""What the Fund publishes to IATI: each Joint Programme as an activity, and the Fund's
organisation file. Codes come from the shipped codelists; what the source does not state is
left out (see docs/iati.md for the two values the schema requires whatever we know)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from lxml import etree

from poolfund.donors.choices import DonorType
from poolfund.errors import DomainError
from poolfund.iati.activity import (
    Activity,
    Budget,
    Disaggregated,
    Indicator,
    Money,
    Org,
    Period,
    PlannedDisbursement,
    Result,
    Share,
    Transaction,
    even_percentages,
)
from poolfund.iati.codelists import codelist
from poolfund.iati.funding import Source
from poolfund.iati.identifiers import identifier_of
from poolfund.iati.models import ExternalActivity
from poolfund.iati.programme_money import (
    REVISED,
    ProgrammeMoney,
    by_calendar_year,
    yearly_budgets,
)
from poolfund.iati.reader import DATE_FIELDS
from poolfund.iati.writer import (
    VERSION,
    add,
    check,
    check_rules,
    checked_activities_xml,
    generated_now,
    narrative,
    organisation_schema,
    period_value,
    serialise,
    text_element,
)
from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.ledger.models import LedgerTransaction
from poolfund.ledger.selectors import sources_and_uses
from poolfund.programmes.choices import DecisionKind, JointProgrammeStatus, PartnerKind
from poolfund.programmes.models import JointProgramme, ProgrammeObjective
from poolfund.results.models import IndicatorValue, Output
from poolfund.results.selectors import counting_values, results_framework

DAC_MIGRATION_SECTOR = "15190"
GCM_VOCABULARY = "99"  # SectorVocabulary: Reporting Organisation
GCM_VOCABULARY_URI = "https://undocs.org/A/RES/73/195"
REGIONAL_BODY_VOCABULARY = "99"  # RegionVocabulary: Reporting Organisation
DONOR_ORGANISATION_TYPES = {
    DonorType.MEMBER_STATE: "Government",
    DonorType.FOUNDATION: "Foundation",
    DonorType.NGO: "International NGO",
    DonorType.PRIVATE_SECTOR: "Private Sector",
    DonorType.OTHER: "Other",
}
PARTNER_ORGANISATION_TYPES = {
    PartnerKind.GOVERNMENT: "Government",
    PartnerKind.LOCAL_AUTHORITY: "Local Government",
    PartnerKind.REGIONAL_COMMUNITY: "Multilateral",
    PartnerKind.MIGRANT_DIASPORA: "National NGO",
    PartnerKind.CIVIL_SOCIETY: "National NGO",
    PartnerKind.OTHER: "Other",
}
ACTIVITY_STATUSES = {
    JointProgrammeStatus.ACTIVE: "Implementation",
    JointProgrammeStatus.NO_COST_EXTENSION: "Implementation",
    JointProgrammeStatus.OPERATIONALLY_CLOSED: "Finalisation",
    JointProgrammeStatus.FINANCIALLY_CLOSED: "Closed",
}


def code(list_name: str, name: str) -> str:
    """The code the official codelist gives `name` (a KeyError if the list has no such name)."""
    found = codelist(list_name).code_named(name)
    if found is None:
        raise KeyError(f"{name!r} is not in the IATI codelist {list_name}")
    return found


# The publisher -------------------------------------------------------------------------------


def reporting_org() -> Org:
    return Org(
        name=settings.IATI_REPORTING_ORG_NAME,
        ref=settings.IATI_REPORTING_ORG_REF,
        org_type=settings.IATI_REPORTING_ORG_TYPE,
    )


def fund_org(role: str = "") -> Org:
    return Org(
        name=settings.IATI_FUND_NAME,
        ref=organisation_identifier(),
        org_type=code("OrganisationType", "Multilateral"),
        role=role,
    )


def activity_identifier(programme: JointProgramme) -> str:
    return f"{settings.IATI_REPORTING_ORG_REF}-{settings.IATI_FUND_CODE}-{programme.code}"


def un_organisation(organisation, role: str = "") -> Org:
    return Org(
        name=organisation.name,
        ref=identifier_of(organisation),
        org_type=code("OrganisationType", "Multilateral"),
        role=role,
    )


def national_partner(partner, role: str = "") -> Org:
    return Org(
        name=partner.name,
        ref=identifier_of(partner),
        org_type=code("OrganisationType", PARTNER_ORGANISATION_TYPES[partner.kind]),
        role=role,
    )


def donor_org(source: Source) -> Org:
    """The provider of a donor's share of a transfer: the donor, or the ledger account's name
    for money recorded without a donor record."""
    donor = source.donor
    if donor is None:
        return Org(name=source.account.name)
    return Org(
        name=donor.name,
        ref=identifier_of(donor),
        org_type=code("OrganisationType", DONOR_ORGANISATION_TYPES[donor.donor_type]),
    )


# A Joint Programme as an activity ------------------------------------------------------------


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


@dataclass(frozen=True)
class Withheld:
    """A programme left out of the file, and why."""

    code: str
    reason: str


class NothingToPublish(DomainError):
    code = "nothing_to_publish"


NO_DATE = "no date is known (neither its start or end, nor a transfer): an IATI activity needs one"


@dataclass
class Export:
    """The activities of an export, and the programmes it had to leave out."""

    activities: list[Activity]
    withheld: list[Withheld]


def programme_export(
    programmes: QuerySet[JointProgramme] | None = None, *, today: datetime.date | None = None
) -> Export:
    """Every programme that can be published; a programme whose records hold no date at all
    is withheld (the schema requires an activity-date and none is invented)."""
    found = published_programmes() if programmes is None else programmes
    export = Export(activities=[], withheld=[])
    for programme in found:
        activity = ProgrammeActivity(programme, today).build()
        if activity.dates:
            export.activities.append(activity)
        else:
            export.withheld.append(Withheld(programme.code, NO_DATE))
    return export


def programme_activities(programmes: QuerySet[JointProgramme] | None = None) -> list[Activity]:
    return programme_export(programmes).activities


def activities_file(activities: list[Activity]) -> bytes:
    if not activities:
        raise NothingToPublish(
            _("No Joint Programme can be published to IATI yet: none has a known date.")
        )
    return checked_activities_xml(activities, with_rules=True)


def programme_activities_xml(programmes: QuerySet[JointProgramme] | None = None) -> bytes:
    """The IATI 2.03 activity file of the publishable Joint Programmes, checked against the
    schema."""
    return activities_file(programme_activities(programmes))


# An imported external activity, written back (the round trip) --------------------------------


def external_activity(activity: ExternalActivity) -> Activity:
    """The `Activity` an imported external activity holds, as far as the importer keeps it."""
    currency = activity.default_currency

    def money(value, currency_code, value_date, fallback) -> Money:
        return Money(value, currency_code or currency, value_date or fallback)

    def org(ref: str, name: str) -> Org | None:
        return Org(name=name, ref=ref) if ref or name else None

    dates = {
        date_type: getattr(activity, field_name)
        for date_type, field_name in DATE_FIELDS.items()
        if getattr(activity, field_name)
    }
    return Activity(
        identifier=activity.iati_identifier,
        reporting_org=Org(
            name=activity.reporting_org_name,
            ref=activity.reporting_org_ref,
            org_type=activity.reporting_org_type,
        ),
        title=activity.title,
        description=activity.description,
        status=activity.activity_status,
        language=activity.language or "en",
        default_currency=currency,
        participating_orgs=[
            Org(name=each.name, ref=each.ref, org_type=each.org_type, role=each.role)
            for each in activity.participating_orgs.all()
        ],
        dates=dates,
        countries=[_stored_share(each) for each in activity.recipient_countries.all()],
        regions=[_stored_share(each) for each in activity.recipient_regions.all()],
        sectors=[_stored_share(each) for each in activity.sectors.all()],
        budgets=[
            Budget(
                period_start=each.period_start,
                period_end=each.period_end,
                money=money(each.value, each.currency, each.value_date, each.period_start),
                budget_type=each.budget_type,
                status=each.status,
            )
            for each in activity.budgets.all()
        ],
        transactions=[
            Transaction(
                transaction_type=each.transaction_type,
                date=each.date,
                money=money(each.value, each.currency, each.value_date, each.date),
                provider=org(each.provider_org_ref, each.provider_org_name),
                receiver=org(each.receiver_org_ref, each.receiver_org_name),
                description=each.description,
            )
            for each in activity.transactions.all()
        ],
        results=[
            Result(
                result_type=result["type"],
                title=result["title"],
                indicators=[_stored_indicator(each) for each in result["indicators"]],
            )
            for result in activity.results
        ],
    )


def _stored_share(row) -> Share:
    """A stored country, region or sector (countries have no vocabulary, URI or name)."""
    return Share(
        code=row.code,
        percentage=row.percentage,
        vocabulary=getattr(row, "vocabulary", ""),
        vocabulary_uri=getattr(row, "vocabulary_uri", ""),
        name=getattr(row, "name", ""),
    )


def _stored_indicator(stored: dict) -> Indicator:
    year = stored["baseline"]["year"]
    return Indicator(
        title=stored["title"],
        measure=stored["measure"],
        baseline_year=int(year) if year else None,
        baseline_value=stored["baseline"]["value"],
        periods=[
            Period(
                start=datetime.date.fromisoformat(period["start"]),
                end=datetime.date.fromisoformat(period["end"]),
                target=period["target"],
                actual=period["actual"],
            )
            for period in stored["periods"]
        ],
    )


def external_activities_xml(activities: QuerySet[ExternalActivity]) -> bytes:
    found = activities.prefetch_related(
        "participating_orgs",
        "recipient_countries",
        "recipient_regions",
        "sectors",
        "budgets",
        "transactions",
    ).order_by("iati_identifier")
    return checked_activities_xml(external_activity(each) for each in found)


# The Fund's organisation file ----------------------------------------------------------------


def organisation_identifier() -> str:
    return f"{settings.IATI_REPORTING_ORG_REF}-{settings.IATI_FUND_CODE}"


def yearly_uses(first_year: int, last_year: int) -> list[tuple[int, Decimal]]:
    """What the Fund spent each calendar year: transfers, Administrative Agent fees, refunds."""
    found, before = [], Decimal(0)
    for year in range(first_year, last_year + 1):
        total = sources_and_uses(as_of=datetime.date(year, 12, 31)).total_uses
        found.append((year, total - before))
        before = total
    return found


def yearly_total_budgets() -> dict[int, Decimal]:
    """The Joint Programmes' approved budgets by calendar year (each split by days as its
    activity's budgets are); a programme without known dates has no year and is left out."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for programme in JointProgramme.objects.all():
        period = ProgrammeActivity(programme).period()
        if period is not None:
            for year, amount in by_calendar_year(programme.budget_usd, *period).items():
                totals[year] += amount
    return dict(sorted(totals.items()))


def organisation_xml() -> bytes:
    """The Fund's IATI 2.03 organisation file: its total budget per calendar year (the
    approved budgets of its Joint Programmes) and its expenditure (uses of funds) per calendar
    year since its first ledger year."""
    root = etree.Element(
        "iati-organisations", {"version": VERSION, "generated-datetime": generated_now()}
    )
    organisation = add(root, "iati-organisation", default_currency=FUND_CURRENCY)
    organisation.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    etree.SubElement(organisation, "organisation-identifier").text = organisation_identifier()
    narrative(add(organisation, "name"), settings.IATI_FUND_NAME)
    org = reporting_org()
    text_element(organisation, "reporting-org", org.name, ref=org.ref, type=org.org_type)
    today = datetime.date.today()
    for year, amount in yearly_total_budgets().items():
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        period_value(
            organisation,
            "total-budget",
            start,
            end,
            Money(amount, FUND_CURRENCY, min(start, today)),
            status=code("BudgetStatus", "Committed"),
        )
    first = LedgerTransaction.objects.order_by("occurred_on").first()
    years = yearly_uses(first.occurred_on.year, today.year) if first else []
    for year, spent in years:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        period_value(
            organisation,
            "total-expenditure",
            start,
            end,
            Money(spent, FUND_CURRENCY, min(end, today)),
        )
    check(root, organisation_schema())
    check_rules(root)
    return serialise(root)
