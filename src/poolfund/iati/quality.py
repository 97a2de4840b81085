"""The IATI Dashboard's publisher measures that apply to one activity file: comprehensiveness
(core, financials, value added), forward-looking budgets for this year and the next two, and
the timeliness of the last transaction.

Comprehensiveness follows the Dashboard's own code: its columns, groups and averages
(IATI/IATI-Dashboard `dashboard/comprehensiveness.py`), and, from the statistics it reads
(IATI/IATI-Stats `stats/dashboard.py`, `ActivityStats`), which activities count (the current
ones), each measure's denominator and its test "with validation". Dates and values are not
checked again here: the schema does that for every file PoolFund writes."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from lxml import etree

from poolfund.iati.codelists import codelist

FUNDING = "1"  # OrganisationRole
INCOMING_FUNDS = "1"  # TransactionType
NOT_MEASURED_LANGUAGE = (
    "PoolFund does not ship the Dashboard's list of each country's languages, so whether the "
    "title and description are in the recipient country's language is not measured"
)


@dataclass(frozen=True)
class Measure:
    group: str  # core, financials, value-added
    name: str
    applicable: int
    met: int
    reason: str = ""  # why it is not measured, when it is not

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


Test = Callable[[etree._Element], bool]


def _has(path: str) -> Test:
    return lambda activity: bool(activity.xpath(path))


def _all_and_some(found: list) -> bool:
    """The Dashboard's `all_and_not_empty`."""
    return bool(found) and all(found)


def _dates(activity: etree._Element, date_type: str) -> list[datetime.date]:
    found = []
    for text in activity.xpath(f"activity-date[@type='{date_type}']/@iso-date"):
        try:
            found.append(datetime.date.fromisoformat(text[:10]))
        except ValueError:
            continue
    return found


def _a_year_before(day: datetime.date) -> datetime.date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def is_current(activity: etree._Element, today: datetime.date) -> bool:
    """The Dashboard's current activity: no planned end and in implementation or
    post-completion, an actual end within the last year, or a planned end not past."""
    planned_ends = _dates(activity, "3")
    if not planned_ends and activity.xpath("string(activity-status/@code)") in {"2", "4"}:
        return True
    if any(_a_year_before(today) <= end <= today for end in _dates(activity, "4")):
        return True
    return any(end >= today for end in planned_ends)


def _started_over_a_year_ago(today: datetime.date) -> Test:
    """Spend is expected of an activity whose start (the actual one, else the planned one)
    is more than a year ago."""

    def applies(activity: etree._Element) -> bool:
        starts = _dates(activity, "2") + _dates(activity, "1")
        return bool(starts) and starts[0] < today and (today - starts[0]).days > 365

    return applies


def _is_donor_publisher(activity: etree._Element) -> bool:
    """The reporting organisation funds or extends the activity and does not implement it."""
    ref = activity.xpath("string(reporting-org/@ref)")
    funds = activity.xpath("participating-org[@role='1' or @role='3']/@ref")
    implements = activity.xpath("participating-org[@role='4']/@ref")
    return bool(ref) and ref in funds and ref not in implements


INCOMING = f"transaction[transaction-type/@code='{INCOMING_FUNDS}']"


def _has_incoming_funds(activity: etree._Element) -> bool:
    return bool(activity.xpath(INCOMING)) or _is_donor_publisher(activity)


def _traceable(activity: etree._Element) -> bool:
    incoming = activity.xpath(INCOMING)
    return _all_and_some(
        [bool(each.xpath("provider-org/@provider-activity-id")) for each in incoming]
    ) or _is_donor_publisher(activity)


def _identified_by_its_reporting_org(activity: etree._Element) -> bool:
    identifier = activity.findtext("iati-identifier", "").strip()
    refs = [activity.xpath("string(reporting-org/@ref)")]
    refs += activity.xpath("other-identifier[@type='B1']/@ref")  # a previous reporting org
    return bool(identifier) and any(ref and identifier.startswith(ref) for ref in refs)


def _percentages_add_up(elements: list) -> bool:
    """One element, or percentages adding up to 100 (a missing one counts as 0)."""
    if len(elements) <= 1:
        return True
    total = Decimal(0)
    for element in elements:
        try:
            total += Decimal(element.get("percentage") or 0)
        except InvalidOperation:
            return False
    return total == 100


def _on_the_activity_or_every_transaction(path: str) -> Test:
    def met(activity: etree._Element) -> bool:
        if activity.xpath(path):
            return True
        return _all_and_some([bool(t.xpath(path)) for t in activity.findall("transaction")])

    return met


def _sector(activity: etree._Element) -> bool:
    if not _on_the_activity_or_every_transaction("sector")(activity):
        return False
    by_vocabulary = defaultdict(list)
    for sector in activity.findall("sector"):
        by_vocabulary[sector.get("vocabulary")].append(sector)
    return all(map(_percentages_add_up, by_vocabulary.values()))


def _country_or_region(activity: etree._Element) -> bool:
    places = "recipient-country | recipient-region"
    return _on_the_activity_or_every_transaction(places)(activity) and _percentages_add_up(
        activity.xpath(places)
    )


def _coded(path: str, list_name: str) -> Test:
    return lambda activity: _all_and_some([c in codelist(list_name) for c in activity.xpath(path)])


def _dac_sector(activity: etree._Element) -> bool:
    five = activity.xpath("sector[@vocabulary='1' or not(@vocabulary)]/@code")
    three = activity.xpath("sector[@vocabulary='2']/@code")
    return bool(five or three) and (
        all(code in codelist("Sector") for code in five)
        and all(code in codelist("SectorCategory") for code in three)
    )


def _aid_type(activity: etree._Element) -> bool:
    if _coded("default-aid-type/@code", "AidType")(activity):
        return True
    return _all_and_some(
        [_coded("aid-type/@code", "AidType")(t) for t in activity.findall("transaction")]
    )


def _coordinates(activity: etree._Element) -> bool:
    def valid(text: str) -> bool:
        parts = (text or "").split()
        try:
            return len(parts) == 2 and any(Decimal(part) != 0 for part in parts)
        except InvalidOperation:
            return False

    return _all_and_some([valid(pos.text) for pos in activity.xpath("location/point/pos")])


def _documents(activity: etree._Element) -> bool:
    """Every document link has an absolute URL and a category (the Dashboard also checks the
    category on the DocumentCategory codelist, which PoolFund does not ship)."""
    return _all_and_some(
        [
            "://" in link.get("url", "") and bool(link.xpath("category/@code"))
            for link in activity.findall("document-link")
        ]
    )


def _never(activity: etree._Element) -> bool:
    return False


def _every(activity: etree._Element) -> bool:
    return True


def measures_of(activities: list, today: datetime.date, version: str) -> list[Measure]:
    """Each of the Dashboard's columns over the current activities of the file."""
    version_known = version in codelist("Version")
    # (group, name, applies to, met by, why it is not measured)
    definitions = [
        ("core", "Version", _every, lambda a: version_known, ""),
        (
            "core",
            "Reporting organisation",
            _every,
            _has("reporting-org[@ref]/narrative/text()"),
            "",
        ),
        ("core", "IATI identifier", _every, _identified_by_its_reporting_org, ""),
        (
            "core",
            "Participating organisation",
            _every,
            _has(f"participating-org[@role='{FUNDING}']"),
            "",
        ),
        ("core", "Title", _every, _has("title/narrative/text()"), ""),
        ("core", "Description", _every, _has("description/narrative/text()"), ""),
        ("core", "Status", _every, _coded("activity-status/@code", "ActivityStatus"), ""),
        ("core", "Activity date", _every, _has("activity-date[@type='1' or @type='2']"), ""),
        ("core", "Sector", _every, _sector, ""),
        ("core", "Country or region", _every, _country_or_region, ""),
        (
            "financials",
            "Transaction: commitment",
            _every,
            _has("transaction[transaction-type/@code='2' or transaction-type/@code='11']"),
            "",
        ),
        (
            "financials",
            "Transaction: disbursement or expenditure",
            _started_over_a_year_ago(today),
            _has("transaction[transaction-type/@code='3' or transaction-type/@code='4']"),
            "",
        ),
        ("financials", "Transaction: traceability", _has_incoming_funds, _traceable, ""),
        ("financials", "Budget", _every, _has("budget | @budget-not-provided"), ""),
        ("value-added", "Contacts", _every, _has("contact-info/email"), ""),
        (
            "value-added",
            "Location details",
            _every,
            _has(
                "location/point/pos | location/name | location/description"
                " | location/location-administrative"
            ),
            "",
        ),
        ("value-added", "Geographic coordinates", _every, _coordinates, ""),
        ("value-added", "DAC sectors", _every, _dac_sector, ""),
        ("value-added", "Capital spend", _every, _has("capital-spend/@percentage"), ""),
        ("value-added", "Activity documents", _every, _documents, ""),
        ("value-added", "Aid type", _every, _aid_type, ""),
        ("value-added", "Recipient language", _never, _never, NOT_MEASURED_LANGUAGE),
        ("value-added", "Result/indicator", _every, _has("result/indicator"), ""),
    ]
    current = [a for a in activities if is_current(a, today)]
    found = []
    for group, name, applies, met_by, reason in definitions:
        applicable = [a for a in current if applies(a)]
        met = sum(1 for a in applicable if met_by(a))
        found.append(Measure(group, name, len(applicable), met, reason))
    return found


def group_average(measures: list[Measure], group: str) -> Decimal | None:
    """The Dashboard's average of a group: every column weighs one, and a column that applies
    to no activity counts as 0; a column not measured here is left out."""
    columns = [m for m in measures if m.group == group and not m.reason]
    if not columns:
        return None
    total = sum((m.percentage or Decimal(0) for m in columns), Decimal(0))
    return (total / len(columns)).quantize(Decimal("0.1"))


GROUP_WEIGHTS = {"core": 2, "financials": 1, "value-added": 1}


def weighted_average(measures: list[Measure]) -> Decimal:
    """The Dashboard's summary: core counts twice, financials and value added once."""
    total = sum(
        (group_average(measures, group) or Decimal(0)) * weight
        for group, weight in GROUP_WEIGHTS.items()
    )
    return (total / sum(GROUP_WEIGHTS.values())).quantize(Decimal("0.1"))


def _budget_years(activity: etree._Element) -> dict[int, Decimal]:
    """Budgeted per year: the revised budgets where there are any, else the original ones."""
    years: dict[int, Decimal] = {}
    budgets = activity.xpath("budget[@type='2']") or activity.xpath("budget[not(@type='2')]")
    for budget in budgets:
        year = datetime.date.fromisoformat(budget.find("period-start").get("iso-date")).year
        years[year] = years.get(year, Decimal(0)) + Decimal(budget.findtext("value"))
    return years


def is_current_in(activity: etree._Element, year: int) -> bool:
    """The Dashboard's forward-looking current activity: no end date, or one in or after
    the year."""
    ends = _dates(activity, "3") + _dates(activity, "4")
    return not ends or any(end.year >= year for end in ends)


def forward_looking(activities: list, today: datetime.date) -> list[ForwardYear]:
    """For this year and the next two: the activities current then and how many have a
    budget starting in it."""
    found = []
    for year in range(today.year, today.year + 3):
        running = [a for a in activities if is_current_in(a, year)]
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
    for group in GROUP_WEIGHTS:
        average = group_average(quality.measures, group)
        lines.append(f"  {group}: {average}%" if average is not None else f"  {group}: n/a")
        for m in (m for m in quality.measures if m.group == group):
            figure = (
                f"{m.percentage}% ({m.met}/{m.applicable})"
                if m.applicable
                else f"not applicable: {m.reason or 'no current activity it applies to'}"
            )
            lines.append(f"    {m.name}: {figure}")
    lines.append(f"  weighted average: {weighted_average(quality.measures)}%")
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
    from poolfund.iati.activity_file import activities_file, programme_export
    from poolfund.web.data_cache import figures_of_this_data

    def compute() -> Publication:
        export = programme_export()
        if not export.activities:
            return Publication(quality=None, withheld=export.withheld)
        return Publication(quality_of(activities_file(export.activities)), export.withheld)

    return figures_of_this_data("iati-publication", compute)
