"""The reporting calendar's dates: what a programme owes and when, from its dates and settings."""

from datetime import date
from decimal import Decimal

import pytest

from poolfund.audit.selectors import history_of
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.reporting.choices import ReportKind
from poolfund.reporting.schedule import months_after
from poolfund.reporting.services import move_due_date, regenerate_calendar
from tests.programmes.factories import note_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    """JP from 1 January 2025 to 31 December 2026, for IOM and UNICEF."""
    return note_in(State.JOINT_PROGRAMME, cast).joint_programme


def calendar(programme) -> list[tuple]:
    return sorted(
        (
            report.kind,
            report.organisation.acronym if report.organisation else "",
            report.period_start,
            report.period_end,
            report.due_on,
        )
        for report in programme.scheduled_reports.select_related("organisation")
    )


def test_a_new_joint_programme_owes_annual_reports_for_each_year_before_its_end_and_final_ones(
    programme,
):
    year = (date(2025, 1, 1), date(2025, 12, 31), date(2026, 4, 30))
    whole = (date(2025, 1, 1), date(2026, 12, 31))
    assert calendar(programme) == sorted(
        [
            (ReportKind.ANNUAL_FINANCIAL, "IOM", *year),
            (ReportKind.ANNUAL_FINANCIAL, "UNICEF", *year),
            (ReportKind.ANNUAL_PROGRESS, "", *year),
            (ReportKind.FINAL_FINANCIAL, "IOM", *whole, date(2027, 6, 30)),
            (ReportKind.FINAL_FINANCIAL, "UNICEF", *whole, date(2027, 6, 30)),
            (ReportKind.FINAL_NARRATIVE, "", *whole, date(2027, 4, 30)),
        ]
    )


def test_a_first_annual_report_covers_only_the_programme_s_part_of_the_year(programme):
    programme.starts_on = date(2025, 7, 15)
    programme.save()
    regenerate_calendar(programme=programme)
    report = programme.scheduled_reports.get(kind=ReportKind.ANNUAL_PROGRESS)
    assert (report.period_start, report.period_end) == (date(2025, 7, 15), date(2025, 12, 31))


def test_the_due_days_are_settings(settings, programme):
    settings.POOLFUND_ANNUAL_REPORTS_DUE = "03-31"
    settings.POOLFUND_FINAL_NARRATIVE_MONTHS = 6
    settings.POOLFUND_FINAL_FINANCIAL_DUE = "05-15"
    regenerate_calendar(programme=programme)
    due = {(r.kind, r.organisation_id): r.due_on for r in programme.scheduled_reports.all()}
    assert due[(ReportKind.ANNUAL_PROGRESS, None)] == date(2026, 3, 31)
    assert due[(ReportKind.FINAL_NARRATIVE, None)] == date(2027, 6, 30)
    assert {d for (kind, _), d in due.items() if kind == ReportKind.FINAL_FINANCIAL} == {
        date(2027, 5, 15)
    }


def test_four_months_after_a_month_s_last_day_is_the_last_day_of_a_shorter_month():
    assert months_after(date(2026, 10, 31), 4) == date(2027, 2, 28)
    assert months_after(date(2027, 10, 31), 4) == date(2028, 2, 29)
    assert months_after(date(2026, 12, 31), 4) == date(2027, 4, 30)


def test_a_programme_whose_dates_are_not_stated_owes_no_dated_report(programme):
    programme.not_stated_in_source = ["ends_on"]
    programme.save()
    regenerate_calendar(programme=programme)
    assert not programme.scheduled_reports.exists()


def test_the_calendar_follows_a_later_end_date_and_is_audited(programme):
    programme.ends_on = date(2027, 6, 30)
    programme.save()
    change = regenerate_calendar(programme=programme, actor_label="test: extension")
    assert len(change.created) == 3  # the 2026 annual progress and two financial reports
    final = programme.scheduled_reports.get(kind=ReportKind.FINAL_NARRATIVE)
    assert (final.period_end, final.due_on) == (date(2027, 6, 30), date(2027, 10, 30))
    assert history_of(final).filter(reason__contains="follows").exists()
    assert regenerate_calendar(programme=programme).created == []  # idempotent


def test_an_earlier_end_date_removes_the_reports_still_due_that_are_no_longer_owed(programme):
    programme.ends_on = date(2025, 12, 31)
    programme.save()
    change = regenerate_calendar(programme=programme)
    assert len(change.removed) == 3
    assert not programme.scheduled_reports.filter(kind=ReportKind.ANNUAL_PROGRESS).exists()


def test_an_fmu_move_of_a_due_date_stands_while_the_period_is_unchanged(cast, programme):
    annual = programme.scheduled_reports.get(kind=ReportKind.ANNUAL_PROGRESS)
    move_due_date(actor=cast.fmu, report=annual, due_on=date(2026, 5, 31), reason="Elections")
    programme.budget_usd = Decimal("1")  # an unrelated change, then the calendar again
    regenerate_calendar(programme=programme)
    annual.refresh_from_db()
    assert (annual.due_on, annual.calendar_due_on) == (date(2026, 5, 31), date(2026, 4, 30))
    assert annual.moves.get().reason == "Elections"
