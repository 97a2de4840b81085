"""A Joint Programme's money as IATI publishes it, all of it from PoolFund's records: budgets per
programme year, planned disbursements, and the transactions (incoming funds, commitments,
disbursements, expenditure). Nothing is dated after today: the Rulesets refuse transactions in
the future, and the ledger as of today is what the file sums to."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from poolfund.iati.activity import Budget, Money, Org, PlannedDisbursement, Transaction
from poolfund.iati.funding import Source, shares_of, sources_of
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.programmes.choices import BudgetRevisionState
from poolfund.programmes.models import (
    BudgetRevision,
    ExpenditureReport,
    JointProgramme,
    ProgrammeTransfer,
)

ORIGINAL, REVISED = "1", "2"  # BudgetType
INCOMING_FUNDS, COMMITMENT, DISBURSEMENT, EXPENDITURE = "1", "2", "3", "4"  # TransactionType


def programme_years(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, ...]]:
    """The programme's years from its start: [start, the day before its anniversary], ..., the
    last one ending on `end`; each at most 12 months, as IATI wants budget periods."""
    years, begins = [], start
    while begins <= end:
        anniversary = _add_year(begins)
        ends = min(anniversary - datetime.timedelta(days=1), end)
        years.append((begins, ends))
        begins = anniversary
    return years


def _add_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def yearly_budgets(
    total: Decimal,
    start: datetime.date,
    end: datetime.date,
    value_date: datetime.date,
    budget_type: str = ORIGINAL,
) -> list[Budget]:
    """The approved (or revised) budget by programme year. PoolFund approves a budget for the
    whole programme, not per year, so each year carries its share of the days (to the cent,
    adding up exactly to the total); docs/iati.md says so."""
    years = programme_years(start, end)
    days = {index: Decimal((ends - begins).days + 1) for index, (begins, ends) in enumerate(years)}
    shares = shares_of(total, days)
    return [
        Budget(
            period_start=begins,
            period_end=ends,
            money=Money(shares[index], FUND_CURRENCY, value_date),
            budget_type=budget_type,
        )
        for index, (begins, ends) in enumerate(years)
    ]


def by_calendar_year(total: Decimal, start: datetime.date, end: datetime.date) -> dict:
    """`total` over [start, end] split by calendar year in proportion to days, as the yearly
    budgets are (the organisation file's total budget is per year)."""
    days = {
        year: Decimal(
            (min(end, datetime.date(year, 12, 31)) - max(start, datetime.date(year, 1, 1))).days + 1
        )
        for year in range(start.year, end.year + 1)
    }
    return shares_of(total, days)


@dataclass
class ProgrammeMoney:
    """The money of one programme. `org_of` gives the IATI organisation of a participating
    UN organisation; `fund` the Fund (provider of what the pool does not attribute)."""

    programme: JointProgramme
    org_of: Callable
    fund: Org
    donor_org: Callable[[Source], Org]
    approved_on: datetime.date | None
    today: datetime.date

    def budget_lines(self) -> list:
        return list(self.programme.budget_lines.all())

    def applied_revisions(self) -> list[BudgetRevision]:
        return list(
            self.programme.budget_revisions.filter(
                state=BudgetRevisionState.APPLIED, effective_on__lte=self.today
            ).order_by("effective_on", "pk")
        )

    def commitments(self, dated: datetime.date | None) -> list[Transaction]:
        """Each organisation's approved share, as an Outgoing Commitment on the approval date,
        then what each applied budget revision moved to or from it on its effective date (so
        the commitments always add up to the approved budget)."""
        if dated is None or dated > self.today:
            return []
        organisations = {
            line.organisation.acronym: line.organisation for line in self.budget_lines()
        }
        revisions = self.applied_revisions()
        approved = (
            {acronym: Decimal(cell["total"]) for acronym, cell in revisions[0].before.items()}
            if revisions
            else {line.organisation.acronym: line.total_usd for line in self.budget_lines()}
        )
        found = [
            self._commitment(dated, organisations[acronym], amount, "Approved budget")
            for acronym, amount in approved.items()
            if acronym in organisations
        ]
        for revision in revisions:
            for acronym, cell in revision.after.items():
                moved = Decimal(cell["total"]) - Decimal(
                    revision.before.get(acronym, {}).get("total", 0)
                )
                if moved and acronym in organisations:
                    found.append(
                        self._commitment(
                            revision.effective_on,
                            organisations[acronym],
                            moved,
                            f"Budget revision of {revision.effective_on}",
                        )
                    )
        return found

    def _commitment(self, day, organisation, amount: Decimal, what: str) -> Transaction:
        return Transaction(
            transaction_type=COMMITMENT,
            date=day,
            money=Money(amount, FUND_CURRENCY, day),
            provider=self.fund,
            receiver=self.org_of(organisation),
            description=what,
        )

    def revised_on(self) -> datetime.date | None:
        """The day the budget was last revised (an applied revision or a no-cost extension)."""
        days = [revision.effective_on for revision in self.applied_revisions()]
        days += [
            each.approved_on
            for each in self.programme.extensions.filter(approved_on__lte=self.today)
        ]
        return max(days) if days else None

    def original_end(self) -> datetime.date | None:
        first = self.programme.extensions.order_by("approved_on", "pk").first()
        return first.previous_end if first else self.programme.ends_on

    def planned_disbursements(
        self, start: datetime.date, end: datetime.date, value_date: datetime.date
    ) -> list[PlannedDisbursement]:
        """What the Fund plans to transfer to each organisation over the programme: its
        approved share (IATI asks for these beside the budgets)."""
        return [
            PlannedDisbursement(
                period_start=start,
                period_end=end,
                money=Money(line.total_usd, FUND_CURRENCY, value_date),
                provider=self.fund,
                receiver=self.org_of(line.organisation),
            )
            for line in self.budget_lines()
        ]

    def transfers(self) -> list[ProgrammeTransfer]:
        return list(
            ProgrammeTransfer.objects.filter(
                programme=self.programme, transaction__occurred_on__lte=self.today
            )
            .select_related("organisation", "transaction__reversal")
            .prefetch_related("transaction__entries__account")
        )

    def moves(self) -> list[tuple[ProgrammeTransfer, datetime.date, Decimal, str]]:
        """Each transfer as (transfer, day, USD, what); a reversal (as of today) is a move of
        the opposite amount on its own day."""
        found = []
        for transfer in self.transfers():
            amount = sum(
                (
                    entry.amount
                    for entry in transfer.transaction.entries.all()
                    if entry.account.kind == AccountKind.ORGANISATION_TRANSFERS
                    and entry.currency == FUND_CURRENCY
                ),
                Decimal(0),
            )
            found.append((transfer, transfer.transaction.occurred_on, amount, "Transfer"))
            reversal = getattr(transfer.transaction, "reversal", None)
            if reversal is not None and reversal.occurred_on <= self.today:
                found.append((transfer, reversal.occurred_on, -amount, "Reversal of a transfer"))
        return found

    @cached_property
    def incoming_funds_and_disbursements(self) -> tuple[list[Transaction], list[Transaction]]:
        """Disbursements (Fund → organisation) and the incoming funds behind each: the share
        of each donor whose money the pool held, else the Fund."""
        disbursements, incoming = [], []
        sources: dict[int, list[Source]] = {}
        for transfer, day, amount, what in self.moves():
            receiver = self.org_of(transfer.organisation)
            disbursements.append(
                Transaction(
                    transaction_type=DISBURSEMENT,
                    date=day,
                    money=Money(amount, FUND_CURRENCY, day),
                    provider=self.fund,
                    receiver=receiver,
                    description=f"{what} to {transfer.organisation.acronym}",
                )
            )
            if transfer.pk not in sources:
                sources[transfer.pk] = sources_of(transfer.transaction, abs(amount))
            sign = 1 if amount > 0 else -1
            parts = [(self.donor_org(s), sign * s.amount) for s in sources[transfer.pk]]
            incoming += [
                Transaction(
                    transaction_type=INCOMING_FUNDS,
                    date=day,
                    money=Money(value, FUND_CURRENCY, day),
                    provider=provider,
                    description=f"{what} to {transfer.organisation.acronym}: funded by "
                    f"{provider.name}",
                )
                for provider, value in parts or [(self.fund, amount)]
            ]
        return incoming, disbursements

    def funders(self) -> list[Org]:
        """The donors whose money reached the programme (and the Fund, for its pooled money),
        each once, in the order their money arrived."""
        incoming, _ = self.incoming_funds_and_disbursements
        found: dict[tuple[str, str], Org] = {}
        for each in incoming:
            found.setdefault((each.provider.ref, each.provider.name), each.provider)
        return list(found.values())

    def expenditure(self) -> list[Transaction]:
        """Expenditure the organisations reported (an accepted financial report adds its
        expenditure as one of these), dated at the end of its period."""
        reports = ExpenditureReport.objects.filter(
            programme=self.programme, period_end__lte=self.today
        ).select_related("organisation", "financial_report__scheduled")
        return [
            Transaction(
                transaction_type=EXPENDITURE,
                date=report.period_end,
                money=Money(report.amount_usd, FUND_CURRENCY, report.period_end),
                provider=self.org_of(report.organisation),
                description=_expenditure_description(report),
            )
            for report in reports
        ]


def _expenditure_description(report: ExpenditureReport) -> str:
    period = f"{report.period_start} to {report.period_end}"
    financial = getattr(report, "financial_report", None)
    if financial is None:
        return f"Expenditure {period}"
    return f"Expenditure {period}, from the accepted {financial.scheduled.get_kind_display()}"
