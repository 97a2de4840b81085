"""The IATI Validator's rules beyond the schema, run over an activity or an organisation file:
the rules are data (`data/rules/standard-2.03.json`, with their source and commit), this module
only evaluates each kind of rule. `broken_rules(document)` lists every failure; an empty list
is a pass."""

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from lxml import etree

from poolfund.iati.codelists import codelist

TOLERANCE = Decimal("0.01")  # the Validator's rounding tolerance on sums of percentages


@dataclass(frozen=True)
class Broken:
    rule: str
    where: str  # the activity's identifier, else the element's tag
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.rule} ({self.detail})"


@cache
def ruleset() -> dict:
    data = resources.files("poolfund.iati") / "data" / "rules" / "standard-2.03.json"
    return json.loads(data.read_text("utf-8"))


def rules() -> list[dict]:
    return ruleset()["rules"]


def _values(element: etree._Element, path: str) -> list[str]:
    """The attribute values, or the elements' text, a path finds."""
    return [
        (found.text or "" if isinstance(found, etree._Element) else str(found)).strip()
        for found in element.xpath(path)
    ]


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# One function per kind of rule: (rule, element, today) → what is wrong, or "" --------------


def atleast_one(rule, element, today) -> str:
    if any(element.xpath(path) for path in rule["paths"]):
        return ""
    return f"none of {', '.join(rule['paths'])}"


def one_or_all(rule, element, today) -> str:
    """`one` is on the element, else each of `all` has what `has` finds."""
    if element.xpath(rule["one"]):
        return ""
    missing = [each for each in element.xpath(rule["all"]) if not each.xpath(rule["has"])]
    return f"{len(missing)} of {rule['all']} without {rule['has']}" if missing else ""


def only_one_of(rule, element, today) -> str:
    on_activity = any(element.xpath(path) for path in rule["excluded"])
    on_parts = any(element.xpath(path) for path in rule["paths"])
    return "given both on the activity and on its transactions" if on_activity and on_parts else ""


def date_now(rule, element, today) -> str:
    late = [text for text in _values(element, rule["date"]) if (_day(text) or today) > today]
    return f"{', '.join(late)} is after today" if late else ""


def date_order(rule, element, today) -> str:
    less = [_day(text) for text in _values(element, rule["less"])]
    more = [today] if rule["more"] == "NOW" else [_day(t) for t in _values(element, rule["more"])]
    for first in filter(None, less):
        for then in filter(None, more):
            if first > then:
                return f"{first} is after {then}"
    return ""


def time_limit(rule, element, today) -> str:
    starts, ends = _values(element, rule["start"]), _values(element, rule["end"])
    for start, end in zip(starts, ends, strict=False):
        begins, finishes = _day(start), _day(end)
        if begins and finishes and (finishes - begins).days > 365:
            return f"{start} to {end} is longer than a year"
    return ""


def between_dates(rule, element, today) -> str:
    """Each date falls strictly between the start and the end, as the Rulesets' own Python
    evaluates it."""
    begins = next(filter(None, map(_day, _values(element, rule["start"]))), None)
    finishes = next(filter(None, map(_day, _values(element, rule["end"]))), None)
    if begins is None or finishes is None:
        return ""
    dated = [(text, _day(text)) for text in _values(element, rule["date"])]
    outside = [text for text, day in dated if day and not begins < day < finishes]
    return f"{', '.join(outside)} is not between {begins} and {finishes}" if outside else ""


def regex_matches(rule, element, today) -> str:
    pattern = re.compile(rule["regex"])
    bad = [v for path in rule["paths"] for v in _values(element, path) if not pattern.match(v)]
    return f"{', '.join(bad)} does not match {rule['regex']}" if bad else ""


def _sum(rule, element) -> tuple[bool, Decimal]:
    values = [_number(v) for path in rule["paths"] for v in _values(element, path)]
    return bool(values), sum((v for v in values if v is not None), Decimal(0))


def sum_rule(rule, element, today) -> str:
    """Percentages given add up to the sum (nothing given passes)."""
    given, total = _sum(rule, element)
    if given and abs(total - Decimal(rule["sum"])) > TOLERANCE:
        return f"they add up to {total}, not {rule['sum']}"
    return ""


def strict_sum(rule, element, today) -> str:
    """As `sum`, but the percentages must be there when more than one element is."""
    elements = [e for path in rule["paths"] for e in element.xpath(path.rsplit("/@", 1)[0])]
    if len(elements) > 1 and len(_values(element, rule["paths"][0])) < len(elements):
        return "a percentage is missing"
    return sum_rule(rule, element, today)


def loop(rule, element, today) -> str:
    inner = rule["do"]
    for value in sorted(set(_values(element, rule["foreach"]))):
        each = {**inner, "paths": [path.replace("$1", value) for path in inner["paths"]]}
        if problem := KINDS[inner["kind"]](each, element, today):
            return f"vocabulary {value}: {problem}"
    return ""


def no_percent(rule, element, today) -> str:
    bad = [v for path in rule["paths"] for v in _values(element, path) if "%" in v]
    return f"{', '.join(bad)} has a % sign" if bad else ""


def if_then(rule, element, today) -> str:
    if element.xpath(rule["if"]) and not element.xpath(rule["then"]):
        return f"{rule['if']} but not {rule['then']}"
    return ""


def range_rule(rule, element, today) -> str:
    low = Decimal(str(rule.get("min", "-Infinity")))
    high = Decimal(str(rule.get("max", "Infinity")))
    values = [_number(v) for path in rule["paths"] for v in _values(element, path)]
    bad = [v for v in values if v is not None and not low <= v <= high]
    return f"{', '.join(map(str, bad))} out of range" if bad else ""


def startswith(rule, element, today) -> str:
    prefixes, values = _values(element, rule["prefix"]), _values(element, rule["start"])
    if prefixes and values and not values[0].startswith(prefixes[0]):
        return f"{values[0]} does not start with {prefixes[0]}"
    return ""


def codelist_rule(rule, element, today) -> str:
    for path, list_name in rule["codes"].items():
        unknown = sorted(set(_values(element, path)) - set(codelist(list_name)))
        if unknown:
            return f"{path}: {', '.join(unknown)} not in {list_name}"
    return ""


KINDS: dict[str, Callable[[dict, etree._Element, datetime.date], str]] = {
    "atleast_one": atleast_one,
    "one_or_all": one_or_all,
    "only_one_of": only_one_of,
    "date_now": date_now,
    "date_order": date_order,
    "time_limit": time_limit,
    "between_dates": between_dates,
    "regex_matches": regex_matches,
    "sum": sum_rule,
    "strict_sum": strict_sum,
    "loop": loop,
    "no_percent": no_percent,
    "if_then": if_then,
    "range": range_rule,
    "startswith": startswith,
    "codelist": codelist_rule,
}


IDENTIFIER_OF = {"iati-activity": "iati-identifier", "iati-organisation": "organisation-identifier"}


def _where(element: etree._Element) -> str:
    """The identifier of the activity or organisation the element is part of."""
    owner = element if element.tag in IDENTIFIER_OF else None
    owner = owner if owner is not None else next(element.iterancestors(*IDENTIFIER_OF), None)
    return owner.findtext(IDENTIFIER_OF[owner.tag], "").strip() if owner is not None else ""


def broken_rules(document: etree._Element, *, today: datetime.date | None = None) -> list[Broken]:
    """Every rule each element of the document breaks; a rule with a `condition` applies only
    to the elements for which it holds."""
    today = today or datetime.date.today()
    found = []
    for rule in rules():
        for element in document.xpath(rule["context"]):
            if "condition" in rule and not element.xpath(rule["condition"]):
                continue
            if problem := KINDS[rule["kind"]](rule, element, today):
                found.append(Broken(rule["id"], _where(element) or element.tag, problem))
    return found
