"""What the reporting year (issue 12) adds to the export: revised budgets from budget revisions
and no-cost extensions, expenditure from accepted financial reports, and accepted indicator
values with their disaggregation as `<dimension>`."""

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from poolfund.iati.activity_file import programme_activities_xml
from poolfund.iati.rules import broken_rules
from poolfund.programmes.models import JointProgramme
from poolfund.programmes.revisions import Move, extend_programme, revise_budget
from poolfund.results.services import ReportedValue
from tests.programmes.factories import organisation
from tests.programmes.test_reporting_year import (  # noqa: F401  (programme: a fixture)
    accepted,
    financial,
    programme,
    report,
)
from tests.reporting.factories import accepted_progress, progress_report
from tests.results.factories import shelter_indicator

pytestmark = pytest.mark.django_db


def exported(joint_programme) -> etree._Element:
    only = JointProgramme.objects.filter(pk=joint_programme.pk)
    document = etree.fromstring(programme_activities_xml(only))
    assert broken_rules(document) == []
    (activity,) = document
    return activity


def test_a_revised_and_extended_programme_has_original_and_revised_budgets(cast, full_programme):
    revise_budget(
        actor=cast.fmu,
        programme=full_programme,
        moves=[Move(organisation("UNICEF"), organisation("IOM"), Decimal("10000"))],
        effective_on=date(2025, 9, 1),
        reason="More shelters",
    )
    extend_programme(
        actor=cast.fmu,
        programme=full_programme,
        new_end=date(2027, 6, 30),
        reason="Elections delayed the work",
        approved_by="Steering Committee",
        approved_on=date(2026, 10, 1),
    )
    activity = exported(full_programme)
    original = activity.xpath("budget[@type='1']/period-end/@iso-date")
    revised = activity.xpath("budget[@type='2']/period-end/@iso-date")
    assert original == ["2025-12-31", "2026-12-31"]
    assert revised == ["2025-12-31", "2026-12-31", "2027-06-30"]
    for budget_type in ("1", "2"):
        values = activity.xpath(f"budget[@type='{budget_type}']/value/text()")
        assert sum(map(Decimal, values)) == full_programme.budget_usd
    assert activity.xpath("budget[@type='2']/value/@value-date") == ["2026-10-01"] * 3
    moved = activity.xpath(
        "transaction[transaction-type/@code='2'][transaction-date/@iso-date='2025-09-01']"
        "/value/text()"
    )
    assert sorted(map(Decimal, moved)) == [Decimal("-10000.00"), Decimal("10000.00")]
    commitments = activity.xpath("transaction[transaction-type/@code='2']/value/text()")
    assert sum(map(Decimal, commitments)) == full_programme.budget_usd
    assert activity.xpath("activity-date[@type='3']/@iso-date") == ["2027-06-30"]


def test_an_accepted_financial_report_is_an_expenditure_transaction(cast, full_programme):
    report(cast, financial(full_programme, year=2025), staff="60000", travel="15000")
    accepted(cast, financial(full_programme, year=2025))
    activity = exported(full_programme)
    spent = activity.xpath(
        "transaction[transaction-type/@code='4'][contains(description/narrative, 'financial')]"
    )
    (transaction,) = spent
    assert Decimal(transaction.findtext("value")) == Decimal("75000.00")
    assert transaction.find("transaction-date").get("iso-date") == "2025-12-31"
    assert transaction.xpath("provider-org/@ref") == ["XM-DAC-47066"]


def test_accepted_values_are_results_with_baseline_target_actual_and_dimensions(
    cast,
    programme,  # noqa: F811
):
    indicator = shelter_indicator(cast, programme, disaggregations=["sex"], objectives=[7])
    indicator.target_breakdown = {"sex": {"female": 2500, "male": 2500}}
    indicator.save()
    values = [
        ReportedValue(
            indicator, Decimal(800), {"sex": {"female": Decimal(500), "male": Decimal(300)}}
        )
    ]
    accepted_progress(cast, progress_report(programme, year=2025), values)
    activity = exported(programme)
    (period,) = activity.xpath("result/indicator/period")
    assert period.find("period-end").get("iso-date") == "2025-12-31"
    assert period.xpath("target[not(dimension)]/@value") == ["5000"]
    assert period.xpath("actual[not(dimension)]/@value") == ["800"]
    parts = {
        (a.get("value"), a.find("dimension").get("name"), a.find("dimension").get("value"))
        for a in period.iterfind("actual[dimension]")
    }
    assert parts == {("500", "sex", "female"), ("300", "sex", "male")}
    assert len(period.xpath("target[dimension]")) == 2
    assert activity.xpath("result/indicator/baseline/@value") == ["0"]
