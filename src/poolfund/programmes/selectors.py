"""Reads of concept notes and Joint Programmes, shaped for pages, exports and the API."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Q, QuerySet

from poolfund.accounts.choices import Role
from poolfund.accounts.models import User
from poolfund.accounts.policy import active_role_assignments, holds_role
from poolfund.geo.models import Country
from poolfund.geo.selectors import covering_any_of
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction
from poolfund.ledger.sums import exact_total, exact_totals_by
from poolfund.programmes.models import (
    ConceptNote,
    ExpenditureReport,
    Geography,
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeReturn,
    ProgrammeTransfer,
)
from poolfund.programmes.workflow import PUBLISHED_STATES

ZERO = Decimal("0.00")


def countries_covered(record: Geography) -> set[Country]:
    """The countries a note or programme covers: those it names and every member of its
    regional bodies (what earmarks, proponents and the country and region pages go by). Many
    records at once: `poolfund.geo.selectors.covering_any_of`."""
    countries = set(record.countries.all())
    for body in record.regional_bodies.all():
        countries.update(body.members.all())
    return countries


def countries_named_or_members(record: Geography) -> list[Country]:
    """The countries a note or programme names; naming none (only regional bodies), the members
    of its bodies. What a region's page lists, so that a CARICOM programme naming 13 countries
    lists those 13, not every member of CARICOM."""
    countries = list(record.countries.all())
    if countries:
        return countries
    return [country for body in record.regional_bodies.all() for country in body.members.all()]


def is_proponent(user: User | AnonymousUser, note: ConceptNote) -> bool:
    """Whether the user speaks for one of the note's organisations or covered governments."""
    organisations = {line.organisation_id for line in note.budget_lines.all()}
    countries: set[int] | None = None
    for assignment in active_role_assignments(user):
        if assignment.role == Role.ORGANISATION_FOCAL_POINT:
            if assignment.organisation_id in organisations:
                return True
        elif assignment.role == Role.GOVERNMENT_FOCAL_POINT:
            if countries is None:
                countries = {country.pk for country in countries_covered(note)}
            if assignment.country_id in countries:
                return True
    return False


def sees_every_concept_note(user: User | AnonymousUser) -> bool:
    return holds_role(user, Role.FMU) or holds_role(user, Role.STEERING_COMMITTEE)


def concept_notes_visible_to(user: User | AnonymousUser) -> QuerySet[ConceptNote]:
    """The FMU and the Steering Committee see every note; proponents see their own; everyone
    sees the published pipeline."""
    notes = ConceptNote.objects.select_related("thematic_area").prefetch_related(
        "countries", "regional_bodies", "objectives", "budget_lines__organisation"
    )
    if sees_every_concept_note(user):
        return notes
    visible = Q(state__in=PUBLISHED_STATES)
    for assignment in active_role_assignments(user):
        if assignment.role == Role.ORGANISATION_FOCAL_POINT and assignment.organisation_id:
            visible |= Q(budget_lines__organisation=assignment.organisation_id)
        elif assignment.role == Role.GOVERNMENT_FOCAL_POINT:
            visible |= covering_any_of([assignment.country_id])
    if user is not None and user.is_authenticated:
        visible |= Q(drafted_by=user)
    return notes.filter(pk__in=ConceptNote.objects.filter(visible).values("pk"))


def programmes() -> QuerySet[JointProgramme]:
    """Joint Programmes, with what their lists show (filtered by `JointProgrammeFilterSet`)."""
    return JointProgramme.objects.select_related("thematic_area").prefetch_related(
        "countries",
        "regional_bodies",
        "programmeobjective_set__objective",
        "budget_lines__organisation",
    )


def programmes_covering(
    found: QuerySet[JointProgramme], countries: QuerySet[Country]
) -> QuerySet[JointProgramme]:
    """The programmes working in any of the countries; a programme of a regional body works in
    every member country."""
    return found.filter(
        pk__in=JointProgramme.objects.filter(covering_any_of(countries)).values("pk")
    )


def total_budget(found: QuerySet[JointProgramme]) -> Decimal:
    return exact_total(found, "budget_usd")


def budget_by_thematic_area(found: QuerySet[JointProgramme]) -> dict[int, Decimal]:
    return exact_totals_by(found, "thematic_area__number", field="budget_usd")


@dataclass(frozen=True)
class OrganisationDelivery:
    organisation: ParticipatingOrganisation
    budget_usd: Decimal
    transferred_usd: Decimal
    expenditure_usd: Decimal

    @property
    def delivery_rate(self) -> Decimal | None:
        """Expenditure over transfers; None before any transfer."""
        if not self.transferred_usd:
            return None
        return (self.expenditure_usd / self.transferred_usd).quantize(Decimal("0.0001"))


def expenditure_by_organisation(programme: JointProgramme) -> dict[int, Decimal]:
    return exact_totals_by(
        ExpenditureReport.objects.filter(programme=programme), "organisation", field="amount_usd"
    )


def organisation_entries_of(links: QuerySet) -> dict[int, Decimal]:
    """Net USD on each organisation's account from the ledger transactions the links (a
    queryset of `ProgrammeTransfer` or `ProgrammeReturn`) tie to a programme, and from their
    reversals, by organisation id."""
    posted = links.values("transaction")
    reversals = LedgerTransaction.objects.filter(reverses__in=posted).values("pk")
    # Two lists of transaction ids rather than joins under an OR, which would scan the ledger.
    entries = LedgerEntry.objects.filter(
        account__kind=AccountKind.ORGANISATION_TRANSFERS, currency=FUND_CURRENCY
    ).filter(Q(transaction__in=posted) | Q(transaction__in=reversals))
    by_acronym = exact_totals_by(entries, "account__key")
    organisations = ParticipatingOrganisation.objects.filter(acronym__in=by_acronym)
    return {organisation.pk: by_acronym[organisation.acronym] for organisation in organisations}


def transferred_by_organisation(programme: JointProgramme) -> dict[int, Decimal]:
    """USD the Fund has sent each organisation for the programme, net of reversals."""
    return organisation_entries_of(ProgrammeTransfer.objects.filter(programme=programme))


def returned_by_organisation(programme: JointProgramme) -> dict[int, Decimal]:
    """USD each organisation gave back to the Fund for the programme (returns of unspent
    balance, net of their reversals)."""
    returned = organisation_entries_of(ProgrammeReturn.objects.filter(programme=programme))
    return {organisation: -amount for organisation, amount in returned.items()}


def transfers_of(programme: JointProgramme) -> QuerySet[ProgrammeTransfer]:
    return (
        programme.transfers.select_related("organisation", "transaction", "transaction__reversal")
        .prefetch_related("transaction__entries")
        .order_by("transaction__occurred_on", "pk")
    )


def delivery(programme: JointProgramme) -> list[OrganisationDelivery]:
    spent = expenditure_by_organisation(programme)
    transferred = transferred_by_organisation(programme)
    return [
        OrganisationDelivery(
            organisation=line.organisation,
            budget_usd=line.total_usd,
            transferred_usd=transferred.get(line.organisation_id, ZERO),
            expenditure_usd=spent.get(line.organisation_id, ZERO),
        )
        for line in programme.budget_lines.select_related("organisation")
    ]


def linked_pool_entries(links: QuerySet) -> QuerySet[LedgerEntry]:
    """The pool entries of the ledger transactions the links tie to a programme, and of their
    reversals."""
    posted = links.values("transaction")
    reversals = LedgerTransaction.objects.filter(reverses__in=posted).values("pk")
    return LedgerEntry.objects.filter(
        account__kind=AccountKind.FUND_CASH, currency=FUND_CURRENCY
    ).filter(Q(transaction__in=posted) | Q(transaction__in=reversals))


@dataclass(frozen=True)
class PoolShare:
    """What one pool of Fund cash gave an organisation for a programme and has not had back."""

    pool: LedgerAccount
    outstanding_usd: Decimal
    last_paid_on: date
    last_transaction: int


def pools_that_funded(
    programme: JointProgramme, organisation: ParticipatingOrganisation
) -> list[PoolShare]:
    """The pools an organisation's money for a programme came from, with what each is still
    owed back, the pool paid from last first."""
    transfers = ProgrammeTransfer.objects.filter(programme=programme, organisation=organisation)
    returns = ProgrammeReturn.objects.filter(programme=programme, organisation=organisation)
    given = exact_totals_by(linked_pool_entries(transfers), "account")
    back = exact_totals_by(linked_pool_entries(returns), "account")
    last_paid = {
        pool: (day, transaction_id)
        for pool, day, transaction_id in transfers.values_list("transaction__entries__account")
        .annotate(day=Max("transaction__occurred_on"), id=Max("transaction"))
        .values_list("transaction__entries__account", "day", "id")
    }
    pools = LedgerAccount.objects.in_bulk(given)
    shares = [
        PoolShare(pools[pk], -amount - back.get(pk, Decimal(0)), *last_paid[pk])
        for pk, amount in given.items()
        if -amount - back.get(pk, Decimal(0)) > 0
    ]
    return sorted(
        shares, key=lambda share: (share.last_paid_on, share.last_transaction), reverse=True
    )
