"""Which reports a Joint Programme owes and when, from its dates and the settings.

For every calendar year that ends before the programme's operational end: an annual progress
report (the programme's) and an annual financial report per participating organisation, covering
the programme's part of that year, due on `POOLFUND_ANNUAL_REPORTS_DUE` (default 30 April) of
the next year. After the end: the final narrative report over the whole programme, due
`POOLFUND_FINAL_NARRATIVE_MONTHS` (default 4) months after the end, and a final financial report
per organisation, due on `POOLFUND_FINAL_FINANCIAL_DUE` (default 30 June) of the year after the
end. The year in which the programme ends is covered by the final reports.

A programme whose start or end date is not stated owes nothing the calendar can date: no
report is scheduled rather than one with an invented period.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings

from poolfund.programmes.models import JointProgramme
from poolfund.reporting.choices import ReportKind


@dataclass(frozen=True)
class Obligation:
    kind: ReportKind
    organisation_id: int | None
    period_start: datetime.date
    period_end: datetime.date
    due_on: datetime.date

    @property
    def key(self) -> tuple:
        """What identifies the obligation when the dates move: an annual report by the year it
        covers, a final report by its kind and organisation alone."""
        return report_key(self.kind, self.organisation_id, self.period_end)


def report_key(kind: str, organisation_id: int | None, period_end: datetime.date) -> tuple:
    is_annual = kind in (ReportKind.ANNUAL_PROGRESS, ReportKind.ANNUAL_FINANCIAL)
    return (kind, organisation_id, period_end.year if is_annual else None)


def month_day(setting: str) -> tuple[int, int]:
    month, day = (int(part) for part in setting.split("-"))
    return month, day


def on_month_day(year: int, setting: str) -> datetime.date:
    month, day = month_day(setting)
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day if it is shorter (31 Oct + 4 → 28
    or 29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def annual_due_on(year: int) -> datetime.date:
    return on_month_day(year + 1, settings.POOLFUND_ANNUAL_REPORTS_DUE)


def final_narrative_due_on(ends_on: datetime.date) -> datetime.date:
    return months_after(ends_on, settings.POOLFUND_FINAL_NARRATIVE_MONTHS)


def final_financial_due_on(ends_on: datetime.date) -> datetime.date:
    return on_month_day(ends_on.year + 1, settings.POOLFUND_FINAL_FINANCIAL_DUE)


def stated_dates(programme: JointProgramme) -> tuple[datetime.date, datetime.date] | None:
    starts_on = programme.starts_on if programme.is_stated("starts_on") else None
    ends_on = programme.ends_on if programme.is_stated("ends_on") else None
    if starts_on is None or ends_on is None or ends_on < starts_on:
        return None
    return starts_on, ends_on


def obligations(programme: JointProgramme, organisation_ids: list[int]) -> list[Obligation]:
    """Every report `programme` owes, given its participating organisations' ids."""
    dates = stated_dates(programme)
    if dates is None:
        return []
    starts_on, ends_on = dates
    owed: list[Obligation] = []
    for year in range(starts_on.year, ends_on.year + 1):
        year_end = datetime.date(year, 12, 31)
        if year_end >= ends_on:
            break
        start = max(starts_on, datetime.date(year, 1, 1))
        due = annual_due_on(year)
        owed.append(Obligation(ReportKind.ANNUAL_PROGRESS, None, start, year_end, due))
        owed.extend(
            Obligation(ReportKind.ANNUAL_FINANCIAL, pk, start, year_end, due)
            for pk in organisation_ids
        )
    owed.append(
        Obligation(
            ReportKind.FINAL_NARRATIVE, None, starts_on, ends_on, final_narrative_due_on(ends_on)
        )
    )
    owed.extend(
        Obligation(
            ReportKind.FINAL_FINANCIAL, pk, starts_on, ends_on, final_financial_due_on(ends_on)
        )
        for pk in organisation_ids
    )
    return owed
