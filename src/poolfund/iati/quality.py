"""The IATI Dashboard's publisher measures that apply to one activity file: comprehensiveness
(core, financials, value added: the share of activities that carry each element, of those it
applies to), forward-looking budgets for this year and the next two, and the timeliness of the
last transaction. After the Dashboard's definitions (dashboard.iatistandard.org, the
"Comprehensiveness", "Forward looking" and "Timeliness" pages); a measure PoolFund's records
cannot hold for any programme is reported as not applicable with the reason."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from lxml import etree

from poolfund.iati.codelists import codelist

CURRENT_STATUSES = {"2"}  # Implementation: the Dashboard's "current" activities
NOT_HELD = "PoolFund holds no such data for any programme"


@dataclass(frozen=True)
class Measure:
    group: str  # core, financials, value-added
    name: str
    applicable: int
    met: int
    reason: str = ""  # why nothing is applicable

    @property
    def percentage(self) -> Decimal | None:
        if not self.applicable:
            return None
        return (Decimal(100) * self.met / self.applicable).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class ForwardYear:
    year: int
    current: int  # activities running in that year
    with_budget: int
    budgeted: Decimal

    @property
    def percentage(self) -> Decimal | None:
        if not self.current:
            return None
        return (Decimal(100) * self.with_budget / self.current).quantize(Decimal("0.1"))


@dataclass
class Quality:
    activities: int
    measures: list[Measure] = field(default_factory=list)
    forward_looking: list[ForwardYear] = field(default_factory=list)
    last_transaction: datetime.date | None = None
    lag_days: int | None = None

    @property
    def timeliness(self) -> str:
        """The Dashboard's time-lag bands for the newest transaction."""
        if self.lag_days is None:
            return "no transactions"
        for days, band in ((31, "one month"), (92, "a quarter"), (183, "six months")):
            if self.lag_days <= days:
                return f"within {band}"
        return "within a year" if self.lag_days <= 366 else "more than a year"


def _has(path: str) -> Callable[[etree._Element], bool]:
    return lambda activity: bool(activity.xpath(path))


def _starts_with_reporting_org(activity: etree._Element) -> bool:
    ref = activity.xpath("string(reporting-org/@ref)")
    return bool(ref) and activity.findtext("iati-identifier", "").startswith(f"{ref}-")


def _is_current(activity: etree._Element) -> bool:
    return activity.xpath("string(activity-status/@code)") in CURRENT_STATUSES


def _started_a_year_ago(today: datetime.date) -> Callable[[etree._Element], bool]:
    """Spend is expected of an activity that started over a year ago (the Dashboard's rule)."""

    def applies(activity: etree._Element) -> bool:
        starts = activity.xpath("activity-date[@type='2' or @type='1']/@iso-date")
        return bool(starts) and min(map(datetime.date.fromisoformat, starts)) <= today.replace(
            year=today.year - 1
        )

    return applies


INCOMING = "transaction[transaction-type/@code='1' or transaction-type/@code='13']"


def _from_another_publisher(activity: etree._Element) -> list:
    own = activity.xpath("string(reporting-org/@ref)")
    return [
        each
        for each in activity.xpath(f"{INCOMING}/provider-org[@ref]")
        if not (own and each.get("ref").startswith(own))
    ]


def _funded_by_another_publisher(activity: etree._Element) -> bool:
    """Traceability applies to incoming funds from a provider with its own identifier."""
    return bool(_from_another_publisher(activity))


def _traceable(activity: etree._Element) -> bool:
    return all(each.get("provider-activity-id") for each in _from_another_publisher(activity))


def _everyone(activity: etree._Element) -> bool:
    return True


def _never(activity: etree._Element) -> bool:
    return False


def _has_indicators(activity: etree._Element) -> bool:
    return bool(activity.xpath("result/indicator"))


def measures_of(activities: list, today: datetime.date, version: str) -> list[Measure]:
    version_known = version in codelist("Version")
    # (group, name, applies to, met by, reason when it applies to none)
    definitions = [
        ("core", "Version", _everyone, lambda a: version_known, ""),
        ("core", "Reporting organisation", _everyone, _has("reporting-org[@ref]"), ""),
        ("core", "IATI identifier", _everyone, _starts_with_reporting_org, ""),
        ("core", "Participating organisation", _everyone, _has("participating-org"), ""),
        ("core", "Title", _everyone, _has("title/narrative"), ""),
        ("core", "Description", _everyone, _has("description/narrative"), ""),
        ("core", "Status", _everyone, _has("activity-status/@code"), ""),
        ("core", "Activity date", _everyone, _has("activity-date[@type='1' or @type='2']"), ""),
        ("core", "Sector", _everyone, _has("sector | transaction/sector"), ""),
        (
            "core",
            "Country or region",
            _everyone,
            _has("recipient-country | recipient-region | transaction/recipient-country"),
            "",
        ),
        (
            "financials",
            "Transaction: commitment",
            _is_current,
            _has("transaction[transaction-type/@code='2' or transaction-type/@code='11']"),
            "",
        ),
        (
            "financials",
            "Transaction: disbursement or expenditure",
            _started_a_year_ago(today),
            _has("transaction[transaction-type/@code='3' or transaction-type/@code='4']"),
            "",
        ),
        (
            "financials",
            "Transaction: traceability",
            _funded_by_another_publisher,
            _traceable,
            "no incoming funds come from another IATI publisher with an identifier (PoolFund "
            "holds no IATI identifiers of donors, and the Fund's own money is the publisher's)",
        ),
        ("financials", "Budget", _is_current, _has("budget"), ""),
        ("value-added", "DAC sector", _everyone, _has("sector[@vocabulary='1']"), ""),
        ("value-added", "Aid type", _everyone, _has("default-aid-type | transaction/aid-type"), ""),
        ("value-added", "Result/indicator", _has_indicators, _has("result/indicator"), ""),
        ("value-added", "Contact info", _never, _has("contact-info"), NOT_HELD),
        ("value-added", "Location details", _never, _has("location"), NOT_HELD),
        ("value-added", "Activity documents", _never, _has("document-link"), NOT_HELD),
        ("value-added", "Capital spend", _never, _has("capital-spend"), NOT_HELD),
        ("value-added", "Conditions attached", _never, _has("conditions"), NOT_HELD),
    ]
    found = []
    for group, name, applies, met_by, reason in definitions:
        applicable = [a for a in activities if applies(a)]
        met = sum(1 for a in applicable if met_by(a))
        found.append(Measure(group, name, len(applicable), met, "" if applicable else reason))
    return found


def _budget_years(activity: etree._Element) -> dict[int, Decimal]:
    """Budgeted per year: the revised budgets where there are any, else the original ones."""
    years: dict[int, Decimal] = {}
    budgets = activity.xpath("budget[@type='2']") or activity.xpath("budget[not(@type='2')]")
    for budget in budgets:
        year = datetime.date.fromisoformat(budget.find("period-start").get("iso-date")).year
        years[year] = years.get(year, Decimal(0)) + Decimal(budget.findtext("value"))
    return years


def forward_looking(activities: list, today: datetime.date) -> list[ForwardYear]:
    """For this year and the next two: the activities still running then (their end date in
    or after that year) and how many have a budget starting in it."""
    found = []
    for year in range(today.year, today.year + 3):
        running = [
            a
            for a in activities
            if _is_current(a)
            and any(
                datetime.date.fromisoformat(day).year >= year
                for day in a.xpath("activity-date[@type='3' or @type='4']/@iso-date")
            )
        ]
        budgets = [_budget_years(a).get(year) for a in running]
        found.append(
            ForwardYear(
                year=year,
                current=len(running),
                with_budget=sum(1 for b in budgets if b is not None),
                budgeted=sum((b for b in budgets if b is not None), Decimal(0)),
            )
        )
    return found


def quality_of(content: bytes, *, today: datetime.date | None = None) -> Quality:
    """The Dashboard's measures for one IATI activity file."""
    today = today or datetime.date.today()
    root = etree.fromstring(content)
    activities = root.findall("iati-activity")
    dates = [
        datetime.date.fromisoformat(day)
        for day in root.xpath("iati-activity/transaction/transaction-date/@iso-date")
    ]
    last = max(dates) if dates else None
    return Quality(
        activities=len(activities),
        measures=measures_of(activities, today, root.get("version", "")),
        forward_looking=forward_looking(activities, today),
        last_transaction=last,
        lag_days=(today - last).days if last else None,
    )


def quality_lines(quality: Quality) -> list[str]:
    """The figures as `poolfund iati-quality` prints them."""
    lines = [f"Activities: {quality.activities}", "", "Comprehensiveness"]
    for group in ("core", "financials", "value-added"):
        measures = [m for m in quality.measures if m.group == group]
        applicable = [m for m in measures if m.applicable]
        average = (
            sum((m.percentage for m in applicable), Decimal(0)) / len(applicable)
            if applicable
            else None
        )
        summary = f"{average.quantize(Decimal('0.1'))}%" if average is not None else "n/a"
        lines.append(f"  {group}: {summary}")
        for m in measures:
            figure = (
                f"{m.percentage}% ({m.met}/{m.applicable})"
                if m.applicable
                else f"not applicable: {m.reason or 'no activity it applies to'}"
            )
            lines.append(f"    {m.name}: {figure}")
    lines += ["", "Forward-looking budgets"]
    for year in quality.forward_looking:
        share = f"{year.percentage}%" if year.percentage is not None else "n/a"
        lines.append(
            f"  {year.year}: {share} of {year.current} current activities have a budget "
            f"(USD {year.budgeted:,.2f})"
        )
    last = quality.last_transaction.isoformat() if quality.last_transaction else "none"
    lines += ["", f"Timeliness: last transaction {last} ({quality.timeliness})"]
    return lines


@dataclass
class Publication:
    """What the open-data page says of the Fund's IATI export."""

    quality: Quality | None
    withheld: list


def publication() -> Publication:
    """The quality of the export from the current data, computed once per data version."""
    from poolfund.iati.exports import activities_file, programme_export
    from poolfund.web.data_cache import figures_of_this_data

    def compute() -> Publication:
        export = programme_export()
        if not export.activities:
            return Publication(quality=None, withheld=export.withheld)
        return Publication(quality_of(activities_file(export.activities)), export.withheld)

    return figures_of_this_data("iati-publication", compute)
