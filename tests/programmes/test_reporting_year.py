"""A Joint Programme's later life: financial reports, budget revisions, no-cost extensions
and closure, through the services."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from poolfund.accounts.choices import Role
from poolfund.errors import Conflict
from poolfund.framework.models import ThematicArea
from poolfund.ledger.selectors import account_balance
from poolfund.programmes.choices import BudgetRevisionState, DecisionKind
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.choices import JointProgrammeStatus as Status
from poolfund.programmes.closure import (
    ClosureRefused,
    InvalidReturn,
    close_financially,
    close_operationally,
    return_unspent,
)
from poolfund.programmes.financial_reports import (
    ExpenditureAboveReceived,
    submit_financial_report,
)
from poolfund.programmes.models import ExpenditureReport
from poolfund.programmes.revisions import (
    InvalidExtension,
    InvalidRevision,
    Move,
    RevisionNotPending,
    decide_budget_revision,
    extend_programme,
    revise_budget,
)
from poolfund.programmes.selectors import delivery, returned_by_organisation
from poolfund.reporting.choices import ReportKind, ReportStatus
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.services import accept_report
from tests.accounts.factories import user_with_role
from tests.programmes.factories import note_in, organisation
from tests.programmes.test_transfers import pool_with, send
from tests.reporting.factories import submitted_progress

pytestmark = pytest.mark.django_db
DAY = date(2025, 3, 1)


@pytest.fixture
def programme(cast):
    """2025-01-01 to 2026-12-31, thematic area 2; IOM's share USD 540,000, UNICEF's 360,000."""
    return note_in(State.JOINT_PROGRAMME, cast).joint_programme


def financial(programme, acronym: str = "IOM", *, year: int | None = 2025) -> ScheduledReport:
    reports = programme.scheduled_reports.filter(organisation=organisation(acronym))
    if year is None:
        return reports.get(kind=ReportKind.FINAL_FINANCIAL)
    return reports.get(kind=ReportKind.ANNUAL_FINANCIAL, period_end__year=year)


def report(cast, scheduled, *, staff="0", travel="0", other="0", interest="0", actor=None):
    return submit_financial_report(
        actor=actor or cast.organisation,
        report=scheduled,
        amounts={"staff": Decimal(staff), "travel": Decimal(travel)},
        other_sources_usd=Decimal(other),
        interest_usd=Decimal(interest),
    )


def accepted(cast, scheduled) -> None:
    accept_report(actor=cast.fmu, report=scheduled)


# Financial reports


def test_a_financial_report_gives_expenditure_by_the_eight_undg_categories(cast, programme):
    send(cast, programme, "100000", pool=pool_with("1000000"))
    content = report(cast, financial(programme), staff="60000", travel="15000")
    assert content.lines.count() == 8
    assert content.total_usd == Decimal("75000")
    assert financial(programme).status == ReportStatus.SUBMITTED


def test_an_organisation_cannot_report_more_than_it_received(cast, programme):
    send(cast, programme, "100000", pool=pool_with("1000000"))
    with pytest.raises(ExpenditureAboveReceived, match=r"USD 100,000.00 from the Fund") as error:
        report(cast, financial(programme), staff="90000", travel="10000.01")
    assert "amounts" in error.value.fields
    assert financial(programme).status == ReportStatus.DUE
    report(cast, financial(programme), staff="90000", travel="15000", other="5000")


def test_the_received_check_counts_every_annual_report_of_the_organisation(cast, programme):
    pool = pool_with("1000000")
    send(cast, programme, "100000", pool=pool)
    report(cast, financial(programme, year=2025), staff="80000")
    accepted(cast, financial(programme, year=2025))
    with pytest.raises(ExpenditureAboveReceived, match=r"USD 100,000.01 spent"):
        report(cast, financial(programme, year=None), staff="100000.01")


def test_only_the_organisations_own_focal_points_submit_its_financial_report(cast, programme):
    send(cast, programme, "100000", pool=pool_with("1000000"))
    for someone in (cast.other_organisation, cast.fmu, cast.steering, cast.government):
        with pytest.raises(PermissionDenied):
            report(cast, financial(programme), staff="1", actor=someone)


def test_the_right_is_checked_before_the_input(cast, programme):
    with pytest.raises(PermissionDenied):
        report(cast, financial(programme), staff="-5", actor=cast.other_organisation)


def test_accepted_expenditure_counts_in_delivery_and_the_final_report_adds_the_rest(
    cast, programme
):
    send(cast, programme, "100000", pool=pool_with("1000000"))
    report(cast, financial(programme), staff="40000")
    rows = {row.organisation.acronym: row for row in delivery(programme)}
    assert rows["IOM"].expenditure_usd == 0, "counts once accepted"
    accepted(cast, financial(programme))
    rows = {row.organisation.acronym: row for row in delivery(programme)}
    assert rows["IOM"].expenditure_usd == Decimal("40000")
    report(cast, financial(programme, year=None), staff="70000", travel="20000")
    accepted(cast, financial(programme, year=None))
    rows = {row.organisation.acronym: row for row in delivery(programme)}
    assert rows["IOM"].expenditure_usd == Decimal("90000"), "the final report is cumulative"
    final = ExpenditureReport.objects.get(financial_report__scheduled__kind="final-financial")
    assert (final.period_start, final.amount_usd) == (date(2026, 1, 1), Decimal("50000"))


def test_an_accepted_financial_report_cannot_be_changed(cast, programme):
    send(cast, programme, "100000", pool=pool_with("1000000"))
    report(cast, financial(programme), staff="40000")
    accepted(cast, financial(programme))
    with pytest.raises(Conflict, match="accepted"):
        report(cast, financial(programme), staff="1")


# Budget revisions


def shares(programme) -> dict[str, Decimal]:
    return {line.organisation.acronym: line.total_usd for line in programme.budget_lines.all()}


def test_a_revision_below_the_threshold_moves_money_between_organisations(cast, programme):
    iom, unicef = organisation("IOM"), organisation("UNICEF")
    revision = revise_budget(
        actor=cast.fmu,
        programme=programme,
        moves=[Move(iom, unicef, Decimal("100000"))],
        effective_on=DAY,
        reason="UNICEF takes over the shelters.",
    )
    assert revision.state == BudgetRevisionState.APPLIED
    assert shares(programme) == {"IOM": Decimal("440000"), "UNICEF": Decimal("460000")}
    assert revision.before["IOM"]["total"] == "540000.00"
    assert revision.after["IOM"]["total"] == "440000.00"
    line = programme.budget_lines.get(organisation=unicef)
    assert line.direct_cost_usd + line.indirect_cost_usd == Decimal("460000")
    assert line.indirect_cost_usd == Decimal("30093.46"), "7% of the direct cost, again"
    programme.refresh_from_db()
    assert programme.budget_usd == Decimal("900000"), "a revision moves money, adds none"


def test_a_revision_moves_money_between_categories_of_a_share(cast, programme):
    iom = organisation("IOM")
    revise_budget(
        actor=cast.fmu,
        programme=programme,
        moves=[
            Move(iom, iom, Decimal("300000"), to_category="staff"),
            Move(iom, iom, Decimal("50000"), from_category="staff", to_category="travel"),
        ],
        effective_on=DAY,
        reason="Plan by category, then more travel.",
    )
    planned = {
        line.category: line.amount_usd
        for line in programme.budget_lines.get(organisation=iom).category_lines.all()
    }
    assert planned == {"staff": Decimal("250000"), "travel": Decimal("50000")}
    with pytest.raises(InvalidRevision, match=r"has USD 50,000.00 \(Travel\)"):
        revise_budget(
            actor=cast.fmu,
            programme=programme,
            moves=[Move(iom, iom, Decimal("50000.01"), from_category="travel")],
            effective_on=DAY,
            reason="Too much.",
        )


def test_a_revision_above_the_threshold_waits_for_the_steering_committee(cast, programme):
    iom, unicef = organisation("IOM"), organisation("UNICEF")
    revision = revise_budget(
        actor=cast.fmu,
        programme=programme,
        moves=[Move(iom, unicef, Decimal("180000.01"))],  # 20% of 900,000 is 180,000
        effective_on=DAY,
        reason="UNICEF leads the second year.",
    )
    assert revision.state == BudgetRevisionState.AWAITING_DECISION
    assert shares(programme)["IOM"] == Decimal("540000"), "not applied yet"
    with pytest.raises(RevisionNotPending):
        revise_budget(
            actor=cast.fmu,
            programme=programme,
            moves=[Move(iom, unicef, Decimal("1"))],
            effective_on=DAY,
            reason="Another.",
        )
    with pytest.raises(PermissionDenied):
        decide_budget_revision(actor=cast.fmu, revision=revision, approve=True, reason="Yes.")
    decided = decide_budget_revision(
        actor=cast.steering, revision=revision, approve=True, reason="Agreed at the meeting."
    )
    assert decided.state == BudgetRevisionState.APPLIED
    assert decided.decision.kind == DecisionKind.APPROVE_REVISION
    assert decided.decision.concept_note is None
    assert shares(programme)["IOM"] == Decimal("359999.99")


def test_a_rejected_revision_leaves_the_budget_as_it_was(cast, programme):
    iom, unicef = organisation("IOM"), organisation("UNICEF")
    revision = revise_budget(
        actor=cast.fmu,
        programme=programme,
        moves=[Move(iom, unicef, Decimal("300000"))],
        effective_on=DAY,
        reason="UNICEF leads.",
    )
    decide_budget_revision(
        actor=cast.steering, revision=revision, approve=False, reason="Keep IOM's lead."
    )
    revision.refresh_from_db()
    assert revision.state == BudgetRevisionState.REJECTED
    assert shares(programme)["IOM"] == Decimal("540000")


@override_settings(POOLFUND_BUDGET_REVISION_THRESHOLD="0.50")
def test_the_threshold_is_a_setting(cast, programme):
    revision = revise_budget(
        actor=cast.fmu,
        programme=programme,
        moves=[Move(organisation("IOM"), organisation("UNICEF"), Decimal("300000"))],
        effective_on=DAY,
        reason="Within half the budget.",
    )
    assert revision.state == BudgetRevisionState.APPLIED


def test_a_share_cannot_fall_below_what_the_organisation_received(cast, programme):
    send(cast, programme, "500000", pool=pool_with("1000000"))
    with pytest.raises(InvalidRevision, match=r"already received USD 500,000.00"):
        revise_budget(
            actor=cast.fmu,
            programme=programme,
            moves=[Move(organisation("IOM"), organisation("UNICEF"), Decimal("40000.01"))],
            effective_on=DAY,
            reason="Too late for that.",
        )


def test_only_the_fmu_records_a_revision_and_the_right_comes_first(cast, programme):
    for someone in (cast.steering, cast.organisation, cast.donor):
        with pytest.raises(PermissionDenied):
            revise_budget(actor=someone, programme=programme, moves=[], effective_on=DAY, reason="")


# No-cost extensions


def test_a_no_cost_extension_moves_the_end_date_and_the_reporting_calendar(cast, programme):
    extension = extend_programme(
        actor=cast.fmu,
        programme=programme,
        new_end=date(2027, 6, 30),
        reason="Elections delayed the work.",
        approved_by="Steering Committee, 12th meeting",
        approved_on=date(2026, 10, 1),
    )
    programme.refresh_from_db()
    assert (extension.previous_end, extension.new_end) == (date(2026, 12, 31), date(2027, 6, 30))
    assert programme.ends_on == date(2027, 6, 30)
    assert programme.status == Status.NO_COST_EXTENSION
    final = financial(programme, year=None)
    assert final.period_end == date(2027, 6, 30)
    assert final.due_on == date(2028, 6, 30)
    assert financial(programme, year=2026).period_end == date(2026, 12, 31), "a new annual one"


def test_an_extension_ends_later_and_says_who_approved_it(cast, programme):
    with pytest.raises(InvalidExtension, match="ends later"):
        extend_programme(
            actor=cast.fmu,
            programme=programme,
            new_end=date(2026, 12, 31),
            reason="No.",
            approved_by="SC",
            approved_on=DAY,
        )
    with pytest.raises(InvalidRevision, match="who approved"):
        extend_programme(
            actor=cast.fmu,
            programme=programme,
            new_end=date(2027, 12, 31),
            reason="Delays.",
            approved_by=" ",
            approved_on=DAY,
        )
    with pytest.raises(PermissionDenied):
        extend_programme(
            actor=cast.organisation,
            programme=programme,
            new_end=date(2027, 12, 31),
            reason="Delays.",
            approved_by="SC",
            approved_on=DAY,
        )


# Closure


def accept_every_report(cast, programme, spent: dict[str, str]) -> None:
    """Accept the narrative reports as they are and the financial ones with `spent` by
    organisation (annual reports empty, the final ones cumulative)."""
    for scheduled in programme.scheduled_reports.order_by("period_end", "pk"):
        if scheduled.organisation_id is None:
            submitted_progress(cast, scheduled, [])
        else:
            amount = spent[scheduled.organisation.acronym]
            final = scheduled.kind == ReportKind.FINAL_FINANCIAL
            focal_point = user_with_role(
                Role.ORGANISATION_FOCAL_POINT, organisation=scheduled.organisation
            )
            report(cast, scheduled, staff=amount if final else "0", actor=focal_point)
        accepted(cast, scheduled)


def test_unspent_balances_go_back_to_the_pool_they_came_from(cast, programme):
    earmarked = pool_with(
        "100000", key="area-2", area=ThematicArea.objects.get(framework__code="gcm", number=2)
    )
    unearmarked = pool_with("1000000")
    send(cast, programme, "50000", pool=unearmarked)
    send(cast, programme, "30000", pool=earmarked)
    close_operationally(actor=cast.fmu, programme=programme, closed_on=DAY, remarks="Done.")
    earmarked_before = account_balance(earmarked)
    unearmarked_before = account_balance(unearmarked)
    returns = return_unspent(
        actor=cast.fmu,
        programme=programme,
        organisation=organisation("IOM"),
        amount_usd=Decimal("40000"),
        occurred_on=DAY,
    )
    assert len(returns) == 2
    assert account_balance(earmarked) - earmarked_before == Decimal("30000")
    assert account_balance(unearmarked) - unearmarked_before == Decimal("10000")
    assert returned_by_organisation(programme)[organisation("IOM").pk] == Decimal("40000")
    with pytest.raises(InvalidReturn, match=r"holds USD 40,000.00"):
        return_unspent(
            actor=cast.fmu,
            programme=programme,
            organisation=organisation("IOM"),
            amount_usd=Decimal("40000.01"),
            occurred_on=DAY,
        )


def test_financial_closure_waits_for_every_report_and_every_dollar(cast, programme):
    send(cast, programme, "100000", pool=pool_with("1000000"))
    with pytest.raises(ClosureRefused, match="after its operational closure"):
        close_financially(actor=cast.fmu, programme=programme, closed_on=DAY, remarks="x")
    close_operationally(actor=cast.fmu, programme=programme, closed_on=DAY, remarks="Done.")
    with pytest.raises(ClosureRefused, match="reports are not accepted"):
        close_financially(actor=cast.fmu, programme=programme, closed_on=DAY, remarks="x")
    accept_every_report(cast, programme, {"IOM": "75000", "UNICEF": "0"})
    with pytest.raises(ClosureRefused, match=r"IOM holds USD 25,000.00 neither reported"):
        close_financially(actor=cast.fmu, programme=programme, closed_on=DAY, remarks="x")
    return_unspent(
        actor=cast.fmu,
        programme=programme,
        organisation=organisation("IOM"),
        amount_usd=Decimal("25000"),
        occurred_on=DAY,
    )
    closure = close_financially(
        actor=cast.fmu, programme=programme, closed_on=date(2027, 7, 1), remarks="Books closed."
    )
    programme.refresh_from_db()
    assert programme.status == Status.FINANCIALLY_CLOSED
    assert closure.final_transferred_usd == Decimal("100000")
    assert closure.final_returned_usd == Decimal("25000")
    assert closure.final_expenditure_usd == Decimal("75000")
    assert closure.final_delivery_rate == Decimal("0.7500")


def test_a_closed_programme_takes_no_revision_extension_or_second_closure(cast, programme):
    close_operationally(actor=cast.fmu, programme=programme, closed_on=DAY, remarks="Done.")
    with pytest.raises(Conflict):
        extend_programme(
            actor=cast.fmu,
            programme=programme,
            new_end=date(2027, 12, 31),
            reason="Late.",
            approved_by="SC",
            approved_on=DAY,
        )
    with pytest.raises(ClosureRefused):
        close_operationally(actor=cast.fmu, programme=programme, closed_on=DAY, remarks="Again")
    with pytest.raises(PermissionDenied):
        close_financially(actor=cast.steering, programme=programme, closed_on=DAY, remarks="x")
