"""Scale data for load tests and benchmarks: many donors, commitments and deposits over
several years, made through the same services as real records (ledger postings, audit events),
never loaded from committed data. Deterministic for a given seed."""

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Model

from poolfund.audit.choices import AuditAction
from poolfund.audit.models import AuditEvent
from poolfund.audit.services import build_event
from poolfund.donors import services as donor_services
from poolfund.donors.choices import DonorType
from poolfund.donors.models import CurrencyRate, Donor
from poolfund.framework.models import Objective, ThematicArea
from poolfund.geo.models import Country
from poolfund.ledger.choices import TransactionKind
from poolfund.ledger.models import AdministrativeAgentFeeRate, LedgerAccount
from poolfund.ledger.selectors import pool_balances
from poolfund.ledger.services import (
    Posting,
    fund_pool,
    post_transactions,
    set_administrative_agent_fee_rate,
    transfer_lines,
)
from poolfund.programmes.choices import JointProgrammeStatus
from poolfund.programmes.models import (
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeBudgetLine,
    ProgrammeObjective,
    ProgrammeTransfer,
)
from poolfund.programmes.services.budget_lines import (
    CENT,
    split_approved_amount,
    split_indirect_cost,
)
from poolfund.programmes.services.transfers import organisation_account

PREFIX = "Scale"
CURRENCIES = ("USD", "USD", "USD", "EUR", "GBP", "CHF", "SEK")
DONOR_TYPES = (DonorType.FOUNDATION, DonorType.NGO, DonorType.PRIVATE_SECTOR, DonorType.OTHER)


def _rate_days(first_day: date) -> dict[str, list[date]]:
    """Days with a rate per currency (deposits are converted with the rate of their day)."""
    days: dict[str, list[date]] = {"USD": []}
    for currency, day in (
        CurrencyRate.objects.filter(rate_date__gte=first_day)
        .order_by("rate_date")
        .values_list("currency", "rate_date")
    ):
        days.setdefault(currency, []).append(day)
    return days


def _fee_rate_from(first_day: date) -> None:
    """The scale data may start before the real Fund did (2019): its earliest fee rate (the
    standard 1% if none is set) then applies from the first generated day."""
    earliest = AdministrativeAgentFeeRate.objects.order_by("valid_from").first()
    if earliest is None or earliest.valid_from > first_day:
        rate = earliest.rate if earliest else Decimal("0.01")
        set_administrative_agent_fee_rate(actor=None, rate=rate, valid_from=first_day)


def generate_donors(
    *, donors: int, years: int, seed: int, today: date, say: Callable[[str], None]
) -> dict[str, int]:
    """Adds `donors` donors, each with a commitment a year (about) and its deposits."""
    generator = random.Random(seed)
    first_day = date(today.year - years + 1, 1, 1)
    _fee_rate_from(first_day)
    rate_days = _rate_days(first_day)
    currencies = [c for c in CURRENCIES if c == "USD" or rate_days.get(c)]
    areas = list(ThematicArea.objects.filter(framework__code="gcm"))
    existing = Donor.objects.filter(name__startswith=PREFIX).count()
    made = {"donors": 0, "commitments": 0, "deposits": 0}
    for number in range(existing, existing + donors):
        with transaction.atomic():
            donor = donor_services.create_donor(
                actor=None,
                name=f"{PREFIX} donor {number:05d}",
                donor_type=generator.choice(DONOR_TYPES),
            )
            made["donors"] += 1
            for year in range(first_day.year, today.year + 1):
                if generator.random() < 0.2:
                    continue  # not every donor gives every year
                made["deposits"] += _commitment_with_deposits(
                    donor, year, number, generator, currencies, rate_days, areas, today
                )
                made["commitments"] += 1
        if made["donors"] % 50 == 0:
            say(f"  {made['donors']} donors")
    return made


def _commitment_with_deposits(donor, year, number, generator, currencies, rate_days, areas, today):
    currency = generator.choice(currencies)
    days = [d for d in rate_days.get(currency, []) if d.year == year and d <= today]
    if currency != "USD" and len(days) < 2:
        currency, days = "USD", []
    if currency == "USD":
        start = date(year, 1, 1)
        last = min(date(year, 12, 31), today)
        days = [start + timedelta(days=n) for n in range((last - start).days + 1)]
    signed_on, *deposit_days = sorted(generator.sample(days, min(3, len(days))))
    amount = Decimal(generator.randrange(50_000, 5_000_000, 1000))
    commitment = donor_services.record_commitment(
        actor=None,
        donor=donor,
        reference=f"SCALE-{number:05d}-{year}",
        amount=amount,
        currency=currency,
        signed_on=signed_on,
        thematic_area=generator.choice(areas) if areas and generator.random() < 0.3 else None,
    )
    instalments = len(deposit_days) or 1
    paid = Decimal(0)
    for index, day in enumerate(deposit_days):
        share = amount - paid if index == instalments - 1 else (amount / instalments).quantize(1)
        donor_services.record_deposit(
            actor=None,
            commitment=commitment,
            amount=share,
            received_on=day,
            bank_reference=f"SCALE-{number:05d}-{year}-{index}",
        )
        paid += share
    return len(deposit_days)


PROGRAMME_PREFIX = "SCALE-JP"
SCALE_LOADER = "system: generate-demo"
PROGRAMME_BATCH = 250
ACTIONS = (
    "Strengthening",
    "Improving access to",
    "Building capacities for",
    "Protecting",
    "Integrating",
    "Expanding",
)


@dataclass
class ProgrammeSources:
    """What the generated programmes draw on, read once."""

    areas: list[ThematicArea]
    objectives_by_area: dict[int, list[Objective]]
    countries: list[Country]
    organisations: list[ParticipatingOrganisation]
    pool_by_area: dict[int | None, LedgerAccount]
    available: dict[int, Decimal]
    organisation_accounts: dict[int, LedgerAccount]

    @classmethod
    def read(cls) -> "ProgrammeSources":
        areas = list(ThematicArea.objects.filter(framework__code="gcm").select_related("framework"))
        objectives_by_area: dict[int, list[Objective]] = {area.pk: [] for area in areas}
        for objective in Objective.objects.filter(thematic_area__in=areas):
            objectives_by_area[objective.thematic_area_id].append(objective)
        pool_by_area: dict[int | None, LedgerAccount] = {None: fund_pool()}
        pool_by_area |= {area.pk: fund_pool(area) for area in areas}
        available = {pool.pk: balance for pool, balance in pool_balances()}
        organisations = list(ParticipatingOrganisation.objects.all())
        return cls(
            areas=areas,
            objectives_by_area=objectives_by_area,
            countries=list(Country.objects.filter(region__isnull=False)),
            organisations=organisations,
            pool_by_area=pool_by_area,
            available={
                pool.pk: available.get(pool.pk, Decimal(0)) for pool in pool_by_area.values()
            },
            organisation_accounts={
                organisation.pk: organisation_account(organisation)
                for organisation in organisations
            },
        )


def _status(ends_on: date, today: date, generator: random.Random) -> JointProgrammeStatus:
    if ends_on >= today:
        return (
            JointProgrammeStatus.NO_COST_EXTENSION
            if generator.random() < 0.1
            else JointProgrammeStatus.ACTIVE
        )
    if (today - ends_on).days > 365:
        return JointProgrammeStatus.FINANCIALLY_CLOSED
    return JointProgrammeStatus.OPERATIONALLY_CLOSED


def _new_programme(number: int, sources: ProgrammeSources, generator, first_day, today):
    area = generator.choice(sources.areas)
    countries = generator.sample(sources.countries, generator.choice((1, 1, 1, 2, 3)))
    objectives = sources.objectives_by_area[area.pk] or [
        objective for objectives in sources.objectives_by_area.values() for objective in objectives
    ]
    chosen = generator.sample(objectives, min(len(objectives), generator.randint(1, 3)))
    starts_on = first_day + timedelta(days=generator.randrange(max(1, (today - first_day).days)))
    ends_on = starts_on + timedelta(days=30 * generator.choice((18, 24, 24, 30, 36)))
    place = " and ".join(country.name for country in countries)
    focus = chosen[0].short_label if chosen else f"thematic area {area.number}"
    programme = JointProgramme(
        code=f"{PROGRAMME_PREFIX}-{number:06d}",
        title=f"{place}: {generator.choice(ACTIONS)} {focus[0].lower()}{focus[1:]}"[:300],
        description=(
            f"A Joint Programme in {place} under thematic area {area.number}: "
            f"{area.description} Generated scale data for load tests."
        ),
        thematic_area=area,
        budget_usd=Decimal(generator.randrange(500_000, 5_000_000, 5_000)),
        starts_on=starts_on,
        ends_on=ends_on,
        status=_status(ends_on, today, generator),
        source="poolfund generate-demo (scale data)",
    )
    organisations = generator.sample(sources.organisations, generator.choice((2, 2, 3, 4)))
    return programme, countries, chosen, organisations


def _budget_lines(programme: JointProgramme, organisations, generator):
    weights = [Decimal(generator.randint(1, 5)) for _organisation in organisations]
    requested = list(zip(organisations, weights, strict=True))
    for organisation, share in split_approved_amount(requested, programme.budget_usd):
        direct, indirect = split_indirect_cost(share, programme.indirect_cost_rate)
        yield ProgrammeBudgetLine(
            programme=programme,
            organisation=organisation,
            direct_cost_usd=direct,
            indirect_cost_usd=indirect,
        )


@dataclass(frozen=True)
class Tranche:
    programme: JointProgramme
    organisation: ParticipatingOrganisation
    posting: Posting


def _tranches(
    programme: JointProgramme, lines: list[ProgrammeBudgetLine], sources, generator, today
) -> list[Tranche]:
    """The first tranche to each organisation (all of it once the programme has closed), from
    the programme's thematic-area pool or the unearmarked one, as ledger transfers (the
    ledger's earmark rules); skipped when neither pool holds enough."""
    if programme.starts_on > today:
        return []
    closed = programme.status in (
        JointProgrammeStatus.OPERATIONALLY_CLOSED,
        JointProgrammeStatus.FINANCIALLY_CLOSED,
    )
    tranches = []
    for line in lines:
        share = Decimal(1) if closed else Decimal(generator.randint(40, 70)) / 100
        amount = (line.total_usd * share).quantize(CENT)
        area_pool = sources.pool_by_area[programme.thematic_area_id]
        pool = next(
            (
                candidate
                for candidate in (area_pool, sources.pool_by_area[None])
                if sources.available[candidate.pk] >= amount
            ),
            None,
        )
        if pool is None:
            continue
        sources.available[pool.pk] -= amount
        organisation = line.organisation
        posting = Posting(
            kind=TransactionKind.TRANSFER,
            occurred_on=programme.starts_on,
            lines=transfer_lines(
                pool=pool,
                to_account=sources.organisation_accounts[organisation.pk],
                amount=amount,
                thematic_area=programme.thematic_area,
            ),
            memo=f"{programme.code}: transfer to {organisation.acronym}",
            idempotency_key=f"scale-transfer:{programme.code}:{organisation.acronym}",
        )
        tranches.append(Tranche(programme, organisation, posting))
    return tranches


def generate_programmes(
    *, programmes: int, years: int, seed: int, today: date, progress: Callable[[int], None]
) -> dict[str, int]:
    """Adds `programmes` Joint Programmes started over the last `years` years, in batches:
    the records in bulk with their audit events, the transfers of each batch posted together
    by the ledger (`post_transactions`: its balance, key and pool rules, audited). Calls
    `progress(n)` after each batch of n programmes."""
    generator = random.Random(seed)
    first_day = date(today.year - years + 1, 1, 1)
    sources = ProgrammeSources.read()
    existing = JointProgramme.objects.filter(code__startswith=PROGRAMME_PREFIX).count()
    made = {"programmes": 0, "transfers": 0}
    numbers = range(existing, existing + programmes)
    for start in range(0, len(numbers), PROGRAMME_BATCH):
        batch = [
            _new_programme(number, sources, generator, first_day, today)
            for number in numbers[start : start + PROGRAMME_BATCH]
        ]
        with transaction.atomic():
            created = JointProgramme.objects.bulk_create([programme for programme, *_ in batch])
            JointProgramme.countries.through.objects.bulk_create(
                JointProgramme.countries.through(jointprogramme=programme, country=country)
                for programme, (_p, countries, _o, _org) in zip(created, batch, strict=True)
                for country in countries
            )
            ProgrammeObjective.objects.bulk_create(
                ProgrammeObjective(programme=programme, objective=objective)
                for programme, (_p, _c, objectives, _org) in zip(created, batch, strict=True)
                for objective in objectives
            )
            lines_by_programme = {
                programme.pk: list(_budget_lines(programme, organisations, generator))
                for programme, (_p, _c, _o, organisations) in zip(created, batch, strict=True)
            }
            ProgrammeBudgetLine.objects.bulk_create(
                line for lines in lines_by_programme.values() for line in lines
            )
            _audit_creations(created, lambda programme: "scale data")
            tranches = [
                tranche
                for programme in created
                for tranche in _tranches(
                    programme, lines_by_programme[programme.pk], sources, generator, today
                )
            ]
            posted = post_transactions(
                actor=None, postings=[tranche.posting for tranche in tranches]
            )
            links = ProgrammeTransfer.objects.bulk_create(
                ProgrammeTransfer(
                    programme=tranche.programme,
                    organisation=tranche.organisation,
                    transaction=transfer,
                )
                for tranche, transfer in zip(tranches, posted, strict=True)
            )
            _audit_creations(links, lambda link: link.transaction.memo)
        made["programmes"] += len(created)
        made["transfers"] += len(links)
        progress(len(created))
    return made


def _audit_creations(instances: Iterable[Model], reason_of: Callable[[Model], str]) -> None:
    AuditEvent.objects.bulk_create(
        build_event(
            actor=None,
            action=AuditAction.CREATE,
            instance=instance,
            actor_label=SCALE_LOADER,
            reason=reason_of(instance),
        )
        for instance in instances
    )
