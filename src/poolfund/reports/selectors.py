"""The figures of the regional brief and the dashboards: for the Fund, a region or a country,
as of a day. Money comes from the donors and programmes selectors; this module only filters,
groups and shapes it."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from babel import Locale
from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import get_language

from poolfund.donors.selectors import DonorRow, FundSummary, donor_rows, fund_summary
from poolfund.framework.models import Framework, Objective, ThematicArea
from poolfund.framework.selectors import default_framework, thematic_areas_with_objectives
from poolfund.geo.models import Country, Region
from poolfund.geo.selectors import countries_in_region, covering_any_of
from poolfund.programmes.choices import ConceptNoteState, DecisionKind
from poolfund.programmes.models import ConceptNote, JointProgramme, ProgrammeObjective
from poolfund.programmes.selectors import programmes, programmes_covering
from poolfund.programmes.workflow import PUBLISHED_STATES
from poolfund.reports.balance import FundingBalance, funding_balance
from poolfund.web.data_cache import figures_of_this_data

ZERO = Decimal(0)


def localized_region_name(region: Region, language: str | None = None) -> str:
    """The UN M49 name in English; CLDR's name for the M49 code in other languages."""
    language = (language or get_language() or "en").split("-")[0]
    if language == "en":
        return region.name
    territories = Locale.parse(language).territories
    return territories.get(region.m49_code, region.name)


def programmes_as_of(found: QuerySet[JointProgramme], as_of: date) -> QuerySet[JointProgramme]:
    """Programmes known to be approved on or before `as_of`.

    The approval date is the Steering Committee's approval of the concept note; a programme
    without one on record counts from its start date, and one with neither (the brief's demo
    programmes) counts at any date.
    """
    approved_later = JointProgramme.objects.filter(
        concept_note__decisions__kind=DecisionKind.APPROVE,
        concept_note__decisions__decided_at__date__gt=as_of,
    )
    return found.exclude(pk__in=approved_later.values("pk")).exclude(
        concept_note__isnull=True, starts_on__gt=as_of
    )


def published_concept_notes(countries: QuerySet[Country] | None, as_of: date):
    """Concept notes of the published pipeline (and beyond), created by `as_of`, covering the
    countries directly or through a regional body."""
    notes = ConceptNote.objects.filter(state__in=PUBLISHED_STATES, created_at__date__lte=as_of)
    if countries is not None:
        notes = notes.filter(
            pk__in=ConceptNote.objects.filter(covering_any_of(countries)).values("pk")
        )
    return notes


@dataclass(frozen=True)
class AreaRow:
    """One thematic area's line in a table: notes received, programmes funded and their money."""

    area: ThematicArea
    concept_notes: int
    programmes: int
    budget_usd: Decimal


@dataclass(frozen=True)
class Portfolio:
    """Funded Joint Programmes of a place as of a day, with their split by thematic area."""

    programmes: list[JointProgramme]
    total_usd: Decimal
    areas: list[AreaRow]
    balance: FundingBalance

    @property
    def count(self) -> int:
        return len(self.programmes)


def funded_programmes(
    *, framework: Framework, as_of: date, countries: QuerySet[Country] | None = None
) -> QuerySet[JointProgramme]:
    """The framework's programmes on the day; with `countries`, those working in them."""
    found = programmes() if countries is None else programmes_covering(programmes(), countries)
    return programmes_as_of(found, as_of).filter(thematic_area__framework=framework)


def portfolio(
    *,
    framework: Framework,
    as_of: date,
    countries: QuerySet[Country] | None = None,
) -> Portfolio:
    found = list(
        funded_programmes(framework=framework, as_of=as_of, countries=countries)
        .prefetch_related("countries__sub_region", "regional_bodies__members__sub_region")
        .order_by("thematic_area__number", "code")
    )
    notes = Counter(
        published_concept_notes(countries, as_of)
        .filter(thematic_area__framework=framework)
        .values_list("thematic_area__number", flat=True)
    )
    budget: dict[int, Decimal] = defaultdict(lambda: ZERO)
    count: Counter[int] = Counter()
    for programme in found:
        budget[programme.thematic_area.number] += programme.budget_usd
        count[programme.thematic_area.number] += 1
    areas = list(ThematicArea.objects.filter(framework=framework))
    return Portfolio(
        programmes=found,
        total_usd=sum(budget.values(), ZERO),
        areas=[
            AreaRow(area, notes[area.number], count[area.number], budget[area.number])
            for area in areas
        ],
        balance=funding_balance({area.number: budget[area.number] for area in areas}),
    )


@dataclass(frozen=True)
class PortfolioFigures:
    """The fund-wide portfolio reduced to its figures, small enough to keep in the cache."""

    count: int
    total_usd: Decimal
    balance: FundingBalance
    by_region: list[tuple[Region | None, Decimal, int]]
    by_objective: list[tuple[Objective, int, int]]


def portfolio_figures(*, framework: Framework, as_of: date) -> PortfolioFigures:
    """The Fund's portfolio figures as of a day, computed once per version of the data and
    shared by every server process. Grouped in the database: loading 10,000 programmes with
    their countries and objectives took seconds."""

    def compute() -> PortfolioFigures:
        found = funded_programmes(framework=framework, as_of=as_of)
        by_area = {
            row["thematic_area__number"]: row
            for row in found.values("thematic_area__number").annotate(
                budget=Sum("budget_usd"), programmes=Count("pk")
            )
        }
        budget = {number: row["budget"] for number, row in by_area.items()}
        areas = ThematicArea.objects.filter(framework=framework)
        return PortfolioFigures(
            count=sum(row["programmes"] for row in by_area.values()),
            total_usd=sum(budget.values(), ZERO),
            balance=funding_balance({area.number: budget.get(area.number, ZERO) for area in areas}),
            by_region=budget_by_region(found),
            by_objective=programmes_by_objective(found),
        )

    return figures_of_this_data("portfolio", compute, framework.pk, as_of.isoformat())


@dataclass(frozen=True)
class RegionalBrief:
    region: Region
    as_of: date
    framework: Framework
    thematic_areas: list[ThematicArea]
    portfolio: Portfolio
    capitalization: FundSummary
    donors: list[DonorRow]
    donors_from_region: list[DonorRow]
    contact: dict = field(default_factory=dict)

    @property
    def region_name(self) -> str:
        return localized_region_name(self.region)

    @property
    def other_donor_count(self) -> int:
        return self.capitalization.donor_count - self.capitalization.member_state_count


def regional_brief(*, region: Region, as_of: date) -> RegionalBrief:
    framework = default_framework()
    if framework is None:
        raise LookupError("No framework is loaded: run `poolfund load-framework gcm`.")
    countries = countries_in_region(region)
    donors = [row for row in donor_rows(as_of=as_of) if row.deposited_usd > 0]
    country_ids = set(countries.values_list("pk", flat=True))
    return RegionalBrief(
        region=region,
        as_of=as_of,
        framework=framework,
        thematic_areas=list(thematic_areas_with_objectives(framework)),
        portfolio=portfolio(
            framework=framework,
            as_of=as_of,
            countries=countries,
        ),
        capitalization=fund_summary(as_of=as_of),
        donors=donors,
        donors_from_region=[row for row in donors if row.donor.country_id in country_ids],
        contact=settings.FUND_CONTACT,
    )


def pipeline_by_state(notes: QuerySet[ConceptNote]) -> list[tuple[str, str, int]]:
    """(state, its label, how many notes) for every state, in the order of the cycle."""
    counts = Counter(notes.values_list("state", flat=True))
    return [(state.value, state.label, counts[state.value]) for state in ConceptNoteState]


def programmes_by_objective(
    found: QuerySet[JointProgramme],
) -> list[tuple[Objective, int, int]]:
    """(objective, programmes addressing it, of which suggested only) for every objective."""
    stated: Counter[int] = Counter()
    suggested: Counter[int] = Counter()
    links = (
        ProgrammeObjective.objects.filter(programme__in=found.values("pk"))
        .values("objective_id", "is_suggested")
        .annotate(programmes=Count("pk"))
    )
    for link in links:
        (suggested if link["is_suggested"] else stated)[link["objective_id"]] += link["programmes"]
    objectives = Objective.objects.filter(framework__in=found.values("thematic_area__framework"))
    return [
        (objective, stated[objective.pk] + suggested[objective.pk], suggested[objective.pk])
        for objective in objectives
    ]


def budget_by_region(found: QuerySet[JointProgramme]) -> list[tuple[Region | None, Decimal, int]]:
    """(UN M49 sub-region, budget, programmes), largest first: a programme counts in the
    sub-region of the countries it names (or, naming none, of its regional bodies' members), or
    under None when they span several."""
    programme_ids = found.values("pk")
    sub_regions: dict[int, set[int]] = defaultdict(set)
    names_countries = set()
    for programme_id, sub_region_id in JointProgramme.countries.through.objects.filter(
        jointprogramme__in=programme_ids
    ).values_list("jointprogramme_id", "country__sub_region_id"):
        names_countries.add(programme_id)
        if sub_region_id:
            sub_regions[programme_id].add(sub_region_id)
    for programme_id, sub_region_id in JointProgramme.regional_bodies.through.objects.filter(
        jointprogramme__in=programme_ids
    ).values_list("jointprogramme_id", "regionalbody__members__sub_region_id"):
        if sub_region_id and programme_id not in names_countries:
            sub_regions[programme_id].add(sub_region_id)
    budget: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    count: Counter[int | None] = Counter()
    rows = found.order_by("thematic_area__number", "code").values_list("pk", "budget_usd")
    for programme_id, budget_usd in rows:
        regions = sub_regions[programme_id]
        region_id = next(iter(regions)) if len(regions) == 1 else None
        budget[region_id] += budget_usd
        count[region_id] += 1
    regions_by_id = Region.objects.in_bulk([pk for pk in budget if pk is not None])
    return sorted(
        ((regions_by_id.get(pk), total, count[pk]) for pk, total in budget.items()),
        key=lambda row: -row[1],
    )
