"""The Fund's IATI organisation file: its total budget and its expenditure per calendar year."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from lxml import etree

from poolfund.iati.activity import Money
from poolfund.iati.codelists import code
from poolfund.iati.organisations import organisation_identifier, reporting_org
from poolfund.iati.programme_activity import ProgrammeActivity
from poolfund.iati.programme_money import by_calendar_year
from poolfund.iati.writer import (
    VERSION,
    add,
    check,
    check_rules,
    generated_now,
    narrative,
    organisation_schema,
    period_value,
    serialise,
    text_element,
)
from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.ledger.models import LedgerTransaction
from poolfund.ledger.selectors import sources_and_uses
from poolfund.programmes.models import JointProgramme


def yearly_uses(first_year: int, last_year: int) -> list[tuple[int, Decimal]]:
    """What the Fund spent each calendar year: transfers, Administrative Agent fees, refunds."""
    found, before = [], Decimal(0)
    for year in range(first_year, last_year + 1):
        total = sources_and_uses(as_of=datetime.date(year, 12, 31)).total_uses
        found.append((year, total - before))
        before = total
    return found


def yearly_total_budgets() -> dict[int, Decimal]:
    """The Joint Programmes' approved budgets by calendar year (each split by days as its
    activity's budgets are); a programme without known dates has no year and is left out."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for programme in JointProgramme.objects.all():
        period = ProgrammeActivity(programme).period()
        if period is not None:
            for year, amount in by_calendar_year(programme.budget_usd, *period).items():
                totals[year] += amount
    return dict(sorted(totals.items()))


def organisation_xml() -> bytes:
    """The Fund's IATI 2.03 organisation file: its total budget per calendar year (the
    approved budgets of its Joint Programmes) and its expenditure (uses of funds) per calendar
    year since its first ledger year."""
    root = etree.Element(
        "iati-organisations", {"version": VERSION, "generated-datetime": generated_now()}
    )
    organisation = add(root, "iati-organisation", default_currency=FUND_CURRENCY)
    organisation.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    etree.SubElement(organisation, "organisation-identifier").text = organisation_identifier()
    narrative(add(organisation, "name"), settings.IATI_FUND_NAME)
    org = reporting_org()
    text_element(organisation, "reporting-org", org.name, ref=org.ref, type=org.org_type)
    today = datetime.date.today()
    for year, amount in yearly_total_budgets().items():
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        period_value(
            organisation,
            "total-budget",
            start,
            end,
            Money(amount, FUND_CURRENCY, min(start, today)),
            status=code("BudgetStatus", "Committed"),
        )
    first = LedgerTransaction.objects.order_by("occurred_on").first()
    years = yearly_uses(first.occurred_on.year, today.year) if first else []
    for year, spent in years:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        period_value(
            organisation,
            "total-expenditure",
            start,
            end,
            Money(spent, FUND_CURRENCY, min(end, today)),
        )
    check(root, organisation_schema())
    check_rules(root)
    return serialise(root)
