"""The IATI Validator's rules beyond the schema (poolfund/iati/data/rules/standard-2.03.json)."""

import datetime

import pytest
from lxml import etree

from poolfund.iati.exports import programme_activities_xml
from poolfund.iati.rules import KINDS, broken_rules, rules, ruleset

pytestmark = pytest.mark.django_db


def test_the_rules_name_their_source_and_commit_and_each_kind_is_implemented():
    source = ruleset()["source"]
    assert source["repository"] == "IATI/IATI-Rulesets" and len(source["commit"]) == 40
    ids = [rule["id"] for rule in rules()]
    assert len(ids) == len(set(ids))
    assert {rule["kind"] for rule in rules()} <= set(KINDS)


def test_a_deliberately_broken_file_fails_every_rule(fixture_file):
    document = etree.parse(str(fixture_file("breaks-every-rule.xml"))).getroot()
    broken = {each.rule for each in broken_rules(document, today=datetime.date(2026, 1, 1))}
    assert broken == {rule["id"] for rule in rules()}


def test_the_export_passes_every_rule(full_programme):
    document = etree.fromstring(programme_activities_xml())
    assert broken_rules(document) == []
    contexts = [rule["context"] for rule in rules()]
    assert all(document.xpath(context) for context in contexts if "crs-add" not in context)
