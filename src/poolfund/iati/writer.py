"""Writes IATI 2.03 activity and organisation files, one function per element (after Akvo
RSR's IATI exporter), in the order the schema's sequences require. Every file is checked
against the shipped 2.03 schema before it is handed out."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from lxml import etree

from poolfund.iati.activity import (
    CENT,
    Activity,
    Budget,
    Disaggregated,
    Indicator,
    Money,
    Org,
    Period,
    PlannedDisbursement,
    Result,
    Share,
    Transaction,
)
from poolfund.iati.codelists import XML_LANG
from poolfund.iati.reader import SCHEMA_DIR, activity_schema
from poolfund.iati.rules import broken_rules

VERSION = "2.03"
PERCENTAGE_PLACES = Decimal("0.01")


class InvalidIatiFile(Exception):
    """The file we built is not valid against the 2.03 schema (a bug: never published)."""


@cache
def organisation_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-organisations-schema.xsd")))


# Values --------------------------------------------------------------------------------------


def money_text(value: Decimal) -> str:
    return str(value.quantize(CENT))


def percentage_text(value: Decimal) -> str:
    return str(value.quantize(PERCENTAGE_PLACES))


def add(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """A child element with the attributes that have a value (the others are left out)."""
    return etree.SubElement(
        parent, tag, {k.replace("_", "-"): v for k, v in attributes.items() if v}
    )


def narrative(parent: etree._Element, text: str) -> None:
    if text:
        etree.SubElement(parent, "narrative").text = text


def text_element(parent: etree._Element, tag: str, text: str, **attributes: str) -> None:
    narrative(add(parent, tag, **attributes), text)


def date_element(parent: etree._Element, tag: str, day: datetime.date, **attributes: str) -> None:
    add(parent, tag, iso_date=day.isoformat(), **attributes)


def value_element(parent: etree._Element, money: Money) -> None:
    element = add(parent, "value", currency=money.currency, value_date=money.value_date.isoformat())
    element.text = money_text(money.value)


# Activity elements ---------------------------------------------------------------------------


def reporting_org(parent: etree._Element, org: Org) -> None:
    text_element(parent, "reporting-org", org.name, ref=org.ref, type=org.org_type)


def participating_org(parent: etree._Element, org: Org) -> None:
    text_element(
        parent, "participating-org", org.name, ref=org.ref, type=org.org_type, role=org.role
    )


def activity_date(parent: etree._Element, date_type: str, day: datetime.date) -> None:
    date_element(parent, "activity-date", day, type=date_type)


def share_element(
    parent: etree._Element, tag: str, share: Share, *, coded: tuple[str, ...] = ()
) -> None:
    """A recipient-country, recipient-region or sector; the name is written as a narrative
    unless the vocabulary is one of the `coded` official lists (whose codes name themselves)."""
    element = add(
        parent,
        tag,
        code=share.code,
        vocabulary=share.vocabulary,
        vocabulary_uri=share.vocabulary_uri,
        percentage=_percentage(share),
    )
    if share.vocabulary not in coded:
        narrative(element, share.name)


def _percentage(share: Share) -> str:
    return percentage_text(share.percentage) if share.percentage is not None else ""


def period_value(
    parent: etree._Element,
    tag: str,
    start: datetime.date,
    end: datetime.date,
    money: Money,
    **attributes: str,
) -> None:
    """A budget, total-budget or total-expenditure: a period and its value."""
    element = add(parent, tag, **attributes)
    date_element(element, "period-start", start)
    date_element(element, "period-end", end)
    value_element(element, money)


def budget(parent: etree._Element, item: Budget) -> None:
    period_value(
        parent,
        "budget",
        item.period_start,
        item.period_end,
        item.money,
        type=item.budget_type,
        status=item.status,
    )


def transaction_org(parent: etree._Element, tag: str, org: Org | None) -> None:
    if org is not None:
        text_element(parent, tag, org.name, ref=org.ref, type=org.org_type)


def planned_disbursement(parent: etree._Element, item: PlannedDisbursement) -> None:
    element = add(parent, "planned-disbursement", type=item.disbursement_type)
    date_element(element, "period-start", item.period_start)
    date_element(element, "period-end", item.period_end)
    value_element(element, item.money)
    transaction_org(element, "provider-org", item.provider)
    transaction_org(element, "receiver-org", item.receiver)


def transaction(parent: etree._Element, item: Transaction) -> None:
    element = add(parent, "transaction")
    add(element, "transaction-type", code=item.transaction_type)
    date_element(element, "transaction-date", item.date)
    value_element(element, item.money)
    if item.description:
        text_element(element, "description", item.description)
    transaction_org(element, "provider-org", item.provider)
    transaction_org(element, "receiver-org", item.receiver)


def result(parent: etree._Element, item: Result) -> None:
    element = add(parent, "result", type=item.result_type)
    text_element(element, "title", item.title)
    for each in item.indicators:
        indicator(element, each)


def indicator(parent: etree._Element, item: Indicator) -> None:
    element = add(parent, "indicator", measure=item.measure)
    text_element(element, "title", item.title)
    if item.baseline_year is not None:
        add(element, "baseline", year=str(item.baseline_year), value=item.baseline_value)
    for each in item.periods:
        period(element, each)


def period(parent: etree._Element, item: Period) -> None:
    element = add(parent, "period")
    date_element(element, "period-start", item.start)
    date_element(element, "period-end", item.end)
    if item.target:
        add(element, "target", value=item.target)
    dimensioned(element, "target", item.disaggregated_targets)
    if item.actual:
        add(element, "actual", value=item.actual)
    dimensioned(element, "actual", item.disaggregated)


def dimensioned(parent: etree._Element, tag: str, parts: Iterable[Disaggregated]) -> None:
    """A target or actual value for a part (sex: female), its dimensions as `<dimension>`."""
    for part in parts:
        element = add(parent, tag, value=part.value)
        for name, value in part.dimensions:
            add(element, "dimension", name=name, value=str(value))


def iati_activity(parent: etree._Element, activity: Activity) -> etree._Element:
    element = add(parent, "iati-activity", default_currency=activity.default_currency)
    element.set(XML_LANG, activity.language)
    etree.SubElement(element, "iati-identifier").text = activity.identifier
    reporting_org(element, activity.reporting_org)
    text_element(element, "title", activity.title)
    text_element(element, "description", activity.description, type="1")
    for org in activity.participating_orgs:
        participating_org(element, org)
    add(element, "activity-status", code=activity.status)
    for date_type, day in sorted(activity.dates.items()):
        activity_date(element, date_type, day)
    for share in activity.countries:
        share_element(element, "recipient-country", share)
    for share in activity.regions:
        share_element(element, "recipient-region", share, coded=("1",))
    for share in activity.sectors:
        share_element(element, "sector", share, coded=("1", "2"))
    if activity.default_finance_type:
        add(element, "default-finance-type", code=activity.default_finance_type)
    if activity.default_aid_type:
        add(element, "default-aid-type", code=activity.default_aid_type, vocabulary="1")
    for item in activity.budgets:
        budget(element, item)
    for item in activity.planned_disbursements:
        planned_disbursement(element, item)
    for item in activity.transactions:
        transaction(element, item)
    for item in activity.results:
        result(element, item)
    return element


def generated_now() -> str:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()


def activities_document(activities: Iterable[Activity]) -> etree._Element:
    root = etree.Element(
        "iati-activities", {"version": VERSION, "generated-datetime": generated_now()}
    )
    for activity in activities:
        iati_activity(root, activity)
    return root


# Checks and output ---------------------------------------------------------------------------


def check(document: etree._Element, schema: etree.XMLSchema) -> None:
    """Refuse to hand out a file the 2.03 schema rejects."""
    if not schema.validate(document):
        problems = "; ".join(f"line {e.line}: {e.message}" for e in schema.error_log)
        raise InvalidIatiFile(f"the generated IATI file is not valid against 2.03: {problems}")


def checked_activities_xml(activities: Iterable[Activity], *, with_rules: bool = False) -> bytes:
    """The file, refused if the schema (and, `with_rules`, the Validator's rules) say no."""
    document = activities_document(activities)
    check(document, activity_schema())
    if with_rules:
        check_rules(document)
    return serialise(document)


def check_rules(document: etree._Element) -> None:
    """Refuse a file that breaks one of the Validator's rules (a bug: never published)."""
    if broken := broken_rules(document):
        problems = "; ".join(map(str, broken))
        raise InvalidIatiFile(f"the generated IATI file breaks IATI rules: {problems}")


def serialise(document: etree._Element) -> bytes:
    return etree.tostring(document, pretty_print=True, xml_declaration=True, encoding="UTF-8")
