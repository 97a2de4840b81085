"""Streaming reader of IATI activity files: one `ActivityRecord` per `iati-activity`.

The file is read with lxml iterparse and each activity is cleared once read, so memory stays
flat whatever the file size. Reading is lenient: a well-formed file is taken whole, and what
the schema, the codelists or our mapping could not accept is kept as a `Problem` of its activity.
Only a file that is not well-formed XML, or not an IATI activities document, is refused.
"""

import datetime
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from pathlib import Path
from typing import BinaryIO, ClassVar

from django.utils.translation import gettext
from lxml import etree

from poolfund.iati.choices import ProblemKind
from poolfund.iati.codelists import XML_LANG, codelist
from poolfund.iati.errors import IatiFileRefused

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "schemas-2.03"
ROOT_TAG = "iati-activities"
ACTIVITY_TAG = "iati-activity"

# Version 1.0x spellings still found in 2.0x files.
LEGACY_DATE_TYPES = {
    "start-planned": "1",
    "start-actual": "2",
    "end-planned": "3",
    "end-actual": "4",
}
LEGACY_TRANSACTION_TYPES = {
    "IF": "1", "C": "2", "D": "3", "E": "4", "IR": "5", "LR": "6", "R": "7", "QP": "8", "QS": "9",
    "CG": "10",
}  # fmt: skip
# What the database columns hold: money as DecimalField(20, 2), percentages as (7, 3).
MONEY_LIMIT = Decimal(10) ** 18
PERCENTAGE_LIMIT = Decimal(10_000)
PERCENTAGE_TOLERANCE = Decimal("0.01")  # publishers round shares such as 33.33 + 33.33 + 33.33
DATE_FIELDS = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}


@dataclass
class Problem:
    kind: str
    line: int | None
    message: str


@dataclass
class ActivityRecord:
    """What the importer keeps of one activity, as plain data."""

    line: int
    iati_identifier: str = ""
    reporting_org_ref: str = ""
    reporting_org_name: str = ""
    reporting_org_type: str = ""
    title: str = ""
    description: str = ""
    language: str = ""
    default_currency: str = ""
    activity_status: str = ""
    dates: dict[str, str] = field(default_factory=dict)
    last_updated: str = ""
    participating_orgs: list[dict] = field(default_factory=list)
    recipient_countries: list[dict] = field(default_factory=list)
    recipient_regions: list[dict] = field(default_factory=list)
    sectors: list[dict] = field(default_factory=list)
    budgets: list[dict] = field(default_factory=list)
    transactions: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def content_hash(self) -> str:
        """A fingerprint of everything kept, so that an unchanged activity is not rewritten."""
        payload = json.dumps(vars(self), sort_keys=True, default=vars)  # Problems via vars
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class FileHeader:
    version: str
    problems: list[Problem]


@cache
def activity_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))


class _ProgressStream:
    """A binary file that reports how many bytes were read, for a progress bar."""

    def __init__(self, stream: BinaryIO, on_read: Callable[[int], object]) -> None:
        self.stream, self.on_read = stream, on_read

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.on_read(len(chunk))
        return chunk


def not_well_formed(error: etree.XMLSyntaxError) -> str:
    return gettext("not well-formed XML: %(reason)s") % {"reason": error.msg}


def read_header(path: Path) -> FileHeader:
    """Check that `path` is an IATI activities document and read its root's version."""
    try:
        _event, root = next(etree.iterparse(str(path), events=("start",), huge_tree=True))
    except StopIteration:
        raise IatiFileRefused(path, None, gettext("the file holds no XML element")) from None
    except etree.XMLSyntaxError as error:
        raise IatiFileRefused(path, error.lineno, not_well_formed(error)) from None
    if root.tag != ROOT_TAG:
        raise IatiFileRefused(
            path,
            root.sourceline,
            gettext(
                "not an IATI activities document: the root element is <%(tag)s>, not <%(root)s>"
            )
            % {"tag": root.tag, "root": ROOT_TAG},
        )
    version = root.get("version", "")
    problems = []
    if not version:
        problems.append(
            Problem(ProblemKind.SCHEMA, root.sourceline, "the root has no version; read as 2.03")
        )
    elif version not in codelist("Version"):
        problems.append(
            Problem(ProblemKind.CODELIST, root.sourceline, f"unknown IATI version {version!r}")
        )
    return FileHeader(version=version or "2.03", problems=problems)


def read_activities(
    path: Path, *, validate: bool = True, on_read: Callable[[int], object] | None = None
) -> Iterator[ActivityRecord]:
    """Yield each activity of `path` in order. Raises `IatiFileRefused` at the first
    point where the file stops being well-formed (a truncated file fails at its end)."""
    read_header(path)
    with open(path, "rb") as stream:
        source = _ProgressStream(stream, on_read) if on_read else stream
        activities = etree.iterparse(
            source,
            events=("end",),
            tag=ACTIVITY_TAG,
            huge_tree=True,
            remove_comments=True,
            remove_blank_text=True,
        )
        try:
            for _event, element in activities:
                record = map_activity(element, validate=validate)
                parent = element.getparent()
                if parent.tag != ROOT_TAG:
                    record.problems.append(
                        Problem(ProblemKind.SCHEMA, record.line, f"inside <{parent.tag}>")
                    )
                yield record
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as error:
            raise IatiFileRefused(path, error.lineno, not_well_formed(error)) from None


@lru_cache(maxsize=4096)  # bounded: memory stays flat however many dates a file holds
def iso_date(raw: str) -> str | None:
    """`raw` as YYYY-MM-DD, "" when blank, or None when it starts with no date.

    Files repeat the same few thousand dates, so the parse is cached."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        parsed = datetime.date.fromisoformat(raw[:10])
    except ValueError:
        return None
    return raw[:10] if raw[4:5] == "-" else parsed.isoformat()


class _ActivityMapper:
    """Maps one parsed `iati-activity` element to an `ActivityRecord`.

    This runs for every activity of files of gigabytes, so it walks each element's children
    once, in plain loops, instead of looking parts up by path (see docs/benchmarks.md).
    """

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        self.language = element.get(XML_LANG, "") or "en"
        self.record = ActivityRecord(line=element.sourceline or 0)
        self.has_general_description = False

    def problem(self, kind: str, node: etree._Element | None, message: str) -> None:
        line = node.sourceline if node is not None else self.record.line
        self.record.problems.append(Problem(kind, line, message))

    # Values ------------------------------------------------------------------------------

    def text(self, node: etree._Element | None) -> str:
        """The narrative in the activity's language, else the first one, else the text (1.0x)."""
        if node is None:
            return ""
        language = self.language
        if len(node):  # the usual case first: a narrative without xml:lang leads
            narrative = node[0]
            if narrative.tag == "narrative" and not narrative.attrib:
                return (narrative.text or "").strip()
        first = None
        for narrative in node:
            if narrative.tag == "narrative":
                if narrative.get(XML_LANG, language) == language:
                    return (narrative.text or "").strip()
                if first is None:
                    first = narrative
        return ((node.text if first is None else first.text) or "").strip()

    def date(self, node: etree._Element | None, attribute: str = "iso-date") -> str:
        if node is None:
            return ""
        raw = node.get(attribute)
        if raw is None:
            if attribute != "iso-date" or node.text is None:
                return ""
            raw = node.text  # 1.0x dates were written as text
        value = iso_date(raw)
        if value is None:
            self.problem(
                ProblemKind.MAPPING, node, f"<{node.tag}> has no valid date: {raw.strip()!r}"
            )
            return ""
        return value

    def datetime(self, node: etree._Element, attribute: str) -> str:
        raw = (node.get(attribute) or "").strip()
        if not raw:
            return ""
        try:
            moment = datetime.datetime.fromisoformat(raw)
        except ValueError:
            self.problem(ProblemKind.MAPPING, node, f"@{attribute} is not a date-time: {raw!r}")
            return ""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.UTC)
        return moment.isoformat()

    def decimal(
        self, node: etree._Element | None, raw: str | None, what: str, *, limit: Decimal
    ) -> str:
        """The number as written, or "" (and a problem) when it is not one we can store."""
        text = (raw or "").strip()
        if not text:
            return ""
        try:
            storable = abs(Decimal(text)) < limit  # False for NaN and infinities too
        except InvalidOperation:
            storable = False
        if not storable:
            self.problem(ProblemKind.MAPPING, node, f"{what} is not a number we keep: {text!r}")
            return ""
        if not text.isascii() or "_" in text:  # "1_000", other digits: Python's, not SQL's
            return str(Decimal(text))
        return text

    def percentage(self, node: etree._Element) -> str:
        return self.decimal(node, node.get("percentage"), "percentage", limit=PERCENTAGE_LIMIT)

    def code(self, node: etree._Element, attribute: str, list_name: str) -> str:
        value = (node.get(attribute) or "").strip()
        if value and value not in codelist(list_name).names:
            self.problem(
                ProblemKind.CODELIST,
                node,
                f"{node.tag}/@{attribute} {value!r} is not in {list_name}",
            )
        return value

    def org(self, node: etree._Element | None) -> tuple[str, str]:
        """The ref and the name of an organisation element."""
        if node is None:
            return "", ""
        return (node.get("ref") or "").strip(), self.text(node)

    def money(self, node: etree._Element, value: etree._Element | None) -> tuple[str, str, str]:
        """The value, currency and value date of `node`'s <value>."""
        if value is None:
            self.problem(ProblemKind.MAPPING, node, f"<{node.tag}> has no value")
            return "", self.record.default_currency, ""
        return (
            self.decimal(value, value.text, "value", limit=MONEY_LIMIT),
            (value.get("currency") or self.record.default_currency).strip(),
            self.date(value, "value-date"),
        )

    # Elements ----------------------------------------------------------------------------

    def map(self) -> ActivityRecord:
        record, element = self.record, self.element
        record.language = element.get(XML_LANG, "")
        record.default_currency = (element.get("default-currency") or "").strip()
        record.last_updated = self.datetime(element, "last-updated-datetime")
        handlers = self.HANDLERS
        for child in element:
            handler = handlers.get(child.tag)
            if handler is not None:
                handler(self, child)
        if not record.iati_identifier:
            self.problem(ProblemKind.SCHEMA, None, "the activity has no iati-identifier")
        self.check_percentages()
        return record

    def identifier(self, node: etree._Element) -> None:
        self.record.iati_identifier = (node.text or "").strip()

    def reporting_org(self, node: etree._Element) -> None:
        self.record.reporting_org_ref, self.record.reporting_org_name = self.org(node)
        self.record.reporting_org_type = self.code(node, "type", "OrganisationType")

    def title(self, node: etree._Element) -> None:
        self.record.title = self.text(node)

    def description(self, node: etree._Element) -> None:
        """The general description (type 1) wins over the others, whatever their order."""
        is_general = node.get("type", "1") == "1"
        if (is_general and not self.has_general_description) or not self.record.description:
            self.record.description = self.text(node)
            self.has_general_description = is_general

    def participating_org(self, node: etree._Element) -> None:
        role = (node.get("role") or "").strip()
        if role and role not in codelist("OrganisationRole").names:
            legacy = codelist("OrganisationRole").code_named(role)
            if legacy:
                self.problem(ProblemKind.MAPPING, node, f"role {role!r} read as code {legacy}")
                role = legacy
            else:
                self.problem(
                    ProblemKind.CODELIST, node, f"role {role!r} is not in OrganisationRole"
                )
        ref, name = self.org(node)
        self.record.participating_orgs.append(
            {
                "ref": ref,
                "name": name,
                "role": role,
                "org_type": self.code(node, "type", "OrganisationType"),
            }
        )

    def activity_status(self, node: etree._Element) -> None:
        self.record.activity_status = self.code(node, "code", "ActivityStatus")

    def activity_date(self, node: etree._Element) -> None:
        date_type = (node.get("type") or "").strip()
        date_type = LEGACY_DATE_TYPES.get(date_type, date_type)
        if date_type not in DATE_FIELDS:
            self.problem(ProblemKind.CODELIST, node, f"activity-date type {date_type!r} is unknown")
            return
        value = self.date(node)
        if value:
            self.record.dates[DATE_FIELDS[date_type]] = value

    def recipient_country(self, node: etree._Element) -> None:
        self.record.recipient_countries.append(
            {
                "code": self.code(node, "code", "Country").upper(),
                "percentage": self.percentage(node),
            }
        )

    def recipient_region(self, node: etree._Element) -> None:
        vocabulary = (node.get("vocabulary") or "1").strip()
        code = (node.get("code") or "").strip()
        if vocabulary == "1":
            code = self.code(node, "code", "Region")
        self.record.recipient_regions.append(
            {
                "vocabulary": vocabulary,
                "code": code,
                "name": codelist("Region").name_of(code) if vocabulary == "1" else self.text(node),
                "percentage": self.percentage(node),
            }
        )

    def sector(self, node: etree._Element) -> None:
        vocabulary = (node.get("vocabulary") or "1").strip()
        list_name = {"1": "Sector", "2": "SectorCategory"}.get(vocabulary)
        code = self.code(node, "code", list_name) if list_name else (node.get("code") or "").strip()
        self.record.sectors.append(
            {
                "vocabulary": vocabulary,
                "vocabulary_uri": (node.get("vocabulary-uri") or "").strip(),
                "code": code,
                "name": codelist(list_name).name_of(code) if list_name else self.text(node),
                "percentage": self.percentage(node),
            }
        )

    def budget(self, node: etree._Element) -> None:
        start = end = value = None
        for part in node:  # the last of each wins, as in the 1.0x files that repeat them
            tag = part.tag
            if tag == "value":
                value = part
            elif tag == "period-start":
                start = part
            elif tag == "period-end":
                end = part
        budget_type = self.code(node, "type", "BudgetType")
        status = self.code(node, "status", "BudgetStatus")
        period_start, period_end = self.date(start), self.date(end)
        amount, currency, value_date = self.money(node, value)
        self.record.budgets.append(
            {
                "budget_type": budget_type,
                "status": status,
                "period_start": period_start,
                "period_end": period_end,
                "value": amount,
                "currency": currency,
                "value_date": value_date,
            }
        )

    def transaction_type(self, node: etree._Element | None) -> str:
        if node is None:
            return ""
        code = (node.get("code") or "").strip()
        if code in codelist("TransactionType").names:
            return code
        spelt = code or (node.text or "").strip()
        mapped = LEGACY_TRANSACTION_TYPES.get(spelt.upper()) or codelist(
            "TransactionType"
        ).code_named(spelt)
        if mapped:
            self.problem(
                ProblemKind.MAPPING, node, f"transaction-type {spelt!r} (1.0x) read as {mapped}"
            )
            return mapped
        self.problem(ProblemKind.CODELIST, node, f"transaction-type {spelt!r} is unknown")
        return ""

    def transaction(self, node: etree._Element) -> None:
        kind = when = value = description = provider = receiver = None
        for part in node:  # the last of each wins
            tag = part.tag
            if tag == "value":
                value = part
            elif tag == "transaction-date":
                when = part
            elif tag == "transaction-type":
                kind = part
            elif tag == "provider-org":
                provider = part
            elif tag == "receiver-org":
                receiver = part
            elif tag == "description":
                description = part
        transaction_type, date = self.transaction_type(kind), self.date(when)
        amount, currency, value_date = self.money(node, value)
        (provider_ref, provider_name), (receiver_ref, receiver_name) = (
            self.org(provider),
            self.org(receiver),
        )
        self.record.transactions.append(
            {
                "transaction_type": transaction_type,
                "date": date,
                "value": amount,
                "currency": currency,
                "value_date": value_date,
                "provider_org_ref": provider_ref,
                "provider_org_name": provider_name,
                "receiver_org_ref": receiver_ref,
                "receiver_org_name": receiver_name,
                "description": self.text(description),
            }
        )

    def result(self, node: etree._Element) -> None:
        result_type = self.code(node, "type", "ResultType")
        title, indicators = None, []
        for part in node:
            tag = part.tag
            if tag == "indicator":
                indicators.append(part)
            elif tag == "title":
                title = part
        title_text = self.text(title)
        self.record.results.append(
            {
                "type": result_type,
                "title": title_text,
                "indicators": [self.indicator(indicator) for indicator in indicators],
            }
        )

    def indicator(self, node: etree._Element) -> dict:
        title = baseline = None
        periods = []
        for part in node:
            tag = part.tag
            if tag == "period":
                periods.append(part)
            elif tag == "title":
                title = part
            elif tag == "baseline":
                baseline = part
        title_text = self.text(title)
        return {
            "title": title_text,
            "measure": self.code(node, "measure", "IndicatorMeasure"),
            "baseline": {
                "year": baseline.get("year", "") if baseline is not None else "",
                "value": baseline.get("value", "") if baseline is not None else "",
            },
            "periods": [self.period(period) for period in periods],
        }

    def period(self, node: etree._Element) -> dict:
        start = end = target = actual = None
        for part in node:
            tag = part.tag
            if tag == "period-start":
                start = part
            elif tag == "period-end":
                end = part
            elif tag == "target":
                target = part
            elif tag == "actual":
                actual = part
        return {
            "start": self.date(start),
            "end": self.date(end),
            "target": target.get("value", "") if target is not None else "",
            "actual": actual.get("value", "") if actual is not None else "",
        }

    HANDLERS: ClassVar[dict[str, Callable[["_ActivityMapper", etree._Element], None]]] = {
        "iati-identifier": identifier,
        "reporting-org": reporting_org,
        "title": title,
        "description": description,
        "participating-org": participating_org,
        "activity-status": activity_status,
        "activity-date": activity_date,
        "recipient-country": recipient_country,
        "recipient-region": recipient_region,
        "sector": sector,
        "budget": budget,
        "transaction": transaction,
        "result": result,
    }

    def check_percentages(self) -> None:
        """Countries and regions together, and sectors per vocabulary, must add up to 100."""
        record = self.record
        groups = {
            "recipient countries and regions": record.recipient_countries + record.recipient_regions
        }
        for sector in record.sectors:
            groups.setdefault(f"sectors of vocabulary {sector['vocabulary']}", []).append(sector)
        for name, items in groups.items():
            shares = [Decimal(item["percentage"]) for item in items if item["percentage"]]
            if len(items) > 1 and shares and abs(sum(shares) - 100) > PERCENTAGE_TOLERANCE:
                self.problem(
                    ProblemKind.RULE, None, f"the percentages of the {name} add up to {sum(shares)}"
                )


def schema_problems(element: etree._Element) -> list[Problem]:
    schema = activity_schema()
    if schema.validate(element):
        return []
    return [
        Problem(ProblemKind.SCHEMA, error.line or None, error.message) for error in schema.error_log
    ]


def map_activity(element: etree._Element, *, validate: bool = True) -> ActivityRecord:
    record = _ActivityMapper(element).map()
    if validate:
        record.problems[:0] = schema_problems(element)
    return record
