"""The money an exported activity carries is the ledger's: budgets per programme year,
incoming funds by donor, commitments, disbursements, expenditure, nothing dated after today."""

import datetime
import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from poolfund.iati.activity_file import programme_activities_xml
from poolfund.iati.funding import shares_of
from poolfund.iati.programme_activity import ProgrammeActivity
from poolfund.iati.programme_money import programme_years, yearly_budgets
from poolfund.ledger import services as ledger
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.models import LedgerEntry
from poolfund.programmes.models import ExpenditureReport, JointProgramme, ProgrammeTransfer
from tests.ledger.conftest import deposit
from tests.programmes.test_transfers import send

pytestmark = pytest.mark.django_db
FUND = "XM-DAC-41114-MIG00"


def activity_xml(programme: JointProgramme) -> etree._Element:
    document = etree.fromstring(
        programme_activities_xml(JointProgramme.objects.filter(pk=programme.pk))
    )
    (activity,) = document
    return activity


def values(activity: etree._Element, transaction_type: str) -> list[Decimal]:
    path = f"transaction[transaction-type/@code='{transaction_type}']/value/text()"
    return [Decimal(v) for v in activity.xpath(path)]


def two_donor_pool() -> ledger.LedgerAccount:
    pool = ledger.account_for_party(AccountKind.FUND_CASH, "shared-pool", "Shared pool")
    for key, amount in (("donor-a", "750000"), ("donor-b", "250000")):
        account = ledger.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, key, key.title())
        deposit(pool, account, amount, key=f"deposit-{key}")
    return pool


def ledger_transfers_of(programme: JointProgramme) -> Decimal:
    """Recomputed from the ledger's entries: USD on organisations' transfer accounts moved by
    the programme's transfers and their reversals."""
    transfers = ProgrammeTransfer.objects.filter(programme=programme).values("transaction")
    entries = LedgerEntry.objects.filter(
        account__kind=AccountKind.ORGANISATION_TRANSFERS, currency="USD"
    ).filter(transaction__in=transfers) | LedgerEntry.objects.filter(
        account__kind=AccountKind.ORGANISATION_TRANSFERS, transaction__reverses__in=transfers
    )
    return sum((entry.amount for entry in entries), Decimal(0))


def test_the_files_sums_equal_the_ledgers(cast, full_programme):
    second = send(cast, full_programme, "100000", pool=two_donor_pool(), acronym="UNICEF")
    ledger.reverse_transaction(actor=cast.fmu, original=second.transaction, reason="wrong account")
    activity = activity_xml(full_programme)
    assert sum(values(activity, "3")) == ledger_transfers_of(full_programme) == Decimal("300000")
    assert len(values(activity, "3")) == 3  # two transfers and a reversal
    assert sum(values(activity, "1")) == sum(values(activity, "3"))
    assert sum(values(activity, "2")) == full_programme.budget_usd
    reported = ExpenditureReport.objects.filter(programme=full_programme)
    assert sum(values(activity, "4")) == sum(r.amount_usd for r in reported)
    planned = [Decimal(v) for v in activity.xpath("planned-disbursement/value/text()")]
    assert sum(planned) == full_programme.budget_usd


def test_incoming_funds_are_each_donors_share_of_the_pool_the_transfer_left(cast, full_programme):
    send(cast, full_programme, "100000", pool=two_donor_pool(), acronym="UNICEF")
    activity = activity_xml(full_programme)
    incoming = {
        t.findtext("provider-org/narrative"): Decimal(t.findtext("value"))
        for t in activity.xpath("transaction[transaction-type/@code='1']")
        if "UNICEF" in t.findtext("description/narrative")
    }
    assert incoming == {"Donor-A": Decimal("75000.00"), "Donor-B": Decimal("25000.00")}
    funders = activity.xpath("participating-org[@role='1']/narrative/text()")
    assert funders == ["Test donor", "Donor-A", "Donor-B"]


def test_money_from_the_unearmarked_pool_is_the_funds_own(cast, full_programme):
    """The demo's donors deposit into the unearmarked pool: it does not tell whose money a
    transfer was, so the Fund is the provider and no donor is named a funder."""
    send(cast, full_programme, "50000", pool=ledger.fund_pool(), acronym="UNICEF")
    activity = activity_xml(full_programme)
    providers = activity.xpath(
        "transaction[transaction-type/@code='1'][contains(description/narrative, 'UNICEF')]"
        "/provider-org/@ref"
    )
    assert providers == [FUND]
    assert FUND in activity.xpath("participating-org[@role='1']/@ref")


def test_nothing_is_dated_after_the_day_of_the_export(full_programme):
    before_the_transfer = datetime.date(2025, 1, 15)
    activity = ProgrammeActivity(full_programme, today=before_the_transfer).build()
    assert all(each.date <= before_the_transfer for each in activity.transactions)
    assert not [t for t in activity.transactions if t.transaction_type in ("1", "3", "4")]
    assert "2" not in activity.dates  # no actual start before the first transfer


def test_budgets_are_per_programme_year_and_add_up_to_the_approved_budget(full_programme):
    activity = activity_xml(full_programme)
    periods = [
        (b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date"))
        for b in activity.iterfind("budget")
    ]
    assert periods == [("2025-01-01", "2025-12-31"), ("2026-01-01", "2026-12-31")]


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    start=st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 1, 1)),
    days=st.integers(0, 3650),
    cents=st.integers(1, 10**12),
)
def test_yearly_budgets_cover_the_programme_in_periods_of_at_most_a_year(start, days, cents):
    end = start + datetime.timedelta(days=days)
    total = Decimal(cents) / 100
    budgets = yearly_budgets(total, start, end, start)
    assert sum(b.money.value for b in budgets) == total
    assert budgets[0].period_start == start and budgets[-1].period_end == end
    for before, after in itertools.pairwise(budgets):
        assert after.period_start == before.period_end + datetime.timedelta(days=1)
    assert all((b.period_end - b.period_start).days <= 365 for b in budgets)
    assert len(programme_years(start, end)) == len(budgets)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    amount=st.integers(0, 10**12),
    weights=st.lists(st.integers(1, 10**9), min_size=1, max_size=30),
)
def test_shares_add_up_exactly_to_the_amount(amount, weights):
    total = Decimal(amount) / 100
    shares = shares_of(total, {index: Decimal(w) for index, w in enumerate(weights)})
    assert sum(shares.values()) == total
    assert all(share >= 0 for share in shares.values())
