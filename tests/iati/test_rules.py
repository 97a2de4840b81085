"""The IATI Validator's rules beyond the schema (poolfund/iati/data/rules/standard-2.03.json)."""

import datetime

import pytest
from lxml import etree

from poolfund.iati.activity_file import programme_activities_xml
from poolfund.iati.organisation_file import organisation_xml
from poolfund.iati.rules import KINDS, broken_rules, rules, ruleset

pytestmark = pytest.mark.django_db

# Elements the rules check that PoolFund never writes (it holds no such data)
NOT_WRITTEN = ("other-identifier", "policy-marker", "recipient-country-budget", "recipient-org")


def test_the_rules_name_their_source_and_commit_and_each_kind_is_implemented():
    source = ruleset()["source"]
    assert source["repository"] == "IATI/IATI-Rulesets" and len(source["commit"]) == 40
    ids = [rule["id"] for rule in rules()]
    assert len(ids) == len(set(ids))
    assert {rule["kind"] for rule in rules()} <= set(KINDS)


def test_a_deliberately_broken_file_fails_every_rule(fixture_file):
    broken = set()
    for name in ("breaks-every-rule.xml", "breaks-every-organisation-rule.xml"):
        document = etree.parse(str(fixture_file(name))).getroot()
        broken |= {each.rule for each in broken_rules(document, today=datetime.date(2026, 1, 1))}
    assert broken == {rule["id"] for rule in rules()}


def test_the_export_passes_every_rule(full_programme):
    activities = etree.fromstring(programme_activities_xml())
    organisation = etree.fromstring(organisation_xml())
    assert broken_rules(activities) == [] and broken_rules(organisation) == []
    contexts = {rule["context"] for rule in rules()}
    written = [c for c in contexts if not any(tag in c for tag in NOT_WRITTEN)]
    assert all(activities.xpath(c) or organisation.xpath(c) for c in written)


def activity(body: str, attributes: str = 'default-currency="USD"') -> str:
    return (
        f'<iati-activities version="2.03"><iati-activity xml:lang="en" {attributes}>'
        "<iati-identifier>XM-DAC-41114-1</iati-identifier>"
        f'<reporting-org ref="XM-DAC-41114" type="40"/>{body}</iati-activity></iati-activities>'
    )


def organisation(body: str) -> str:
    return (
        '<iati-organisations version="2.03">'
        '<iati-organisation xml:lang="en" default-currency="USD">'
        f"<organisation-identifier>XM-DAC-41114</organisation-identifier>{body}"
        "</iati-organisation></iati-organisations>"
    )


def country_budget(value_date: str) -> str:
    return organisation(
        '<recipient-country-budget><recipient-country code="MX"/>'
        '<period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/>'
        f'<budget-line ref="1"><value value-date="{value_date}">1</value></budget-line>'
        "</recipient-country-budget>"
    )


NO_CURRENCY = ""  # an activity without a default currency


@pytest.mark.parametrize(
    ("rule_id", "passing", "failing"),
    [
        (
            "sector-on-the-activity-or-every-transaction",
            activity('<transaction><sector code="15190"/></transaction>'),
            activity('<transaction><sector code="15190"/></transaction><transaction/>'),
        ),
        (
            "currency-on-the-activity-or-every-value",
            activity('<fss><forecast year="2026" currency="USD">1</forecast></fss>', NO_CURRENCY),
            activity('<fss><forecast year="2026">1</forecast></fss>', NO_CURRENCY),
        ),
        (
            "currency-on-the-activity-or-the-loan-status",
            activity('<crs-add><loan-status year="2025" currency="USD"/></crs-add>', NO_CURRENCY),
            activity('<crs-add><loan-status year="2025"/></crs-add>', NO_CURRENCY),
        ),
        (
            "currency-on-the-activity-or-the-forecast",
            activity('<fss><forecast year="2026" currency="USD">1</forecast></fss>', NO_CURRENCY),
            activity('<fss><forecast year="2026">1</forecast></fss>', NO_CURRENCY),
        ),
        (
            "other-identifier-owner-has-a-ref-or-a-name",
            activity(
                '<other-identifier ref="A" type="A1"><owner-org ref="XI-1"/></other-identifier>'
            ),
            activity('<other-identifier ref="A" type="A1"><owner-org/></other-identifier>'),
        ),
        (
            "oecd-dac-policy-marker-has-a-significance",
            activity(
                '<policy-marker code="1" significance="0"/><policy-marker vocabulary="99" code="1">'
                "<narrative>Own</narrative></policy-marker>"
            ),
            activity('<policy-marker vocabulary="1" code="1"/>'),
        ),
        (
            "own-vocabulary-policy-marker-is-named",
            activity(
                '<policy-marker vocabulary="99" code="1"><narrative>Own</narrative></policy-marker>'
                '<policy-marker vocabulary="1" code="1" significance="1"/>'
            ),
            activity('<policy-marker vocabulary="99" code="1"/>'),
        ),
        (
            "own-vocabulary-sectors-are-named",
            activity('<sector vocabulary="99" code="7"><narrative>GCM 7</narrative></sector>'),
            activity('<sector vocabulary="99" code="7"/>'),
        ),
        (
            "recipient-country-budget-lines-dated-within-its-period",
            country_budget("2025-06-30"),
            country_budget("2026-01-31"),
        ),
        (
            "total-budget-within-a-year",
            organisation(
                '<total-budget><period-start iso-date="2024-01-01"/>'
                '<period-end iso-date="2024-12-31"/><value value-date="2024-01-01">1</value>'
                "</total-budget>"
            ),
            organisation(
                '<total-budget><period-start iso-date="2024-01-01"/>'
                '<period-end iso-date="2025-06-30"/><value value-date="2024-01-01">1</value>'
                "</total-budget>"
            ),
        ),
    ],
)
def test_a_rule_passes_what_it_allows_and_fails_what_it_forbids(rule_id, passing, failing):
    def broken(text: str) -> set[str]:
        document = etree.fromstring(text)
        return {each.rule for each in broken_rules(document, today=datetime.date(2026, 6, 1))}

    assert rule_id in {rule["id"] for rule in rules()}
    assert rule_id not in broken(passing)
    assert rule_id in broken(failing)
