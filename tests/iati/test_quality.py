"""`poolfund iati-quality`: the IATI Dashboard's measures for one file."""

import copy
import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from lxml import etree

from poolfund.iati.activity_file import programme_activities_xml
from poolfund.iati.quality import quality_of

pytestmark = pytest.mark.django_db

# What the Dashboard measures and PoolFund holds for no programme: these are 0% on the export
NOT_HELD = {
    "Contacts",
    "Location details",
    "Geographic coordinates",
    "Capital spend",
    "Activity documents",
    "Transaction: traceability",  # no IATI activity identifier of the money's provider
}


def figures(content: bytes, today: datetime.date) -> dict:
    return {m.name: m.percentage for m in quality_of(content, today=today).measures}


def test_every_measure_of_what_poolfund_holds_is_met_by_the_export(full_programme):
    today = datetime.date.today()
    quality = quality_of(programme_activities_xml(), today=today)
    found = {m.name: m.percentage for m in quality.measures}
    assert {name for name, figure in found.items() if figure == 100} >= {
        "Version",
        "IATI identifier",
        "Participating organisation",
        "Sector",
        "Transaction: commitment",
        "Budget",
        "DAC sectors",
        "Aid type",
        "Result/indicator",
    }
    assert {name for name, figure in found.items() if figure == 0} == NOT_HELD
    assert found["Recipient language"] is None  # not measured, and says why
    assert all(m.reason for m in quality.measures if m.percentage is None)
    running = [each for each in quality.forward_looking if each.current]
    assert running and all(each.percentage == 100 for each in running)
    assert quality.last_transaction == today  # the commitment, on the approval (today)
    assert quality.timeliness == "within one month"


@pytest.mark.parametrize(
    ("measure", "left_out"),
    [
        ("Result/indicator", "result"),
        ("Budget", "budget"),
        ("Transaction: commitment", "transaction[transaction-type/@code='2']"),
        ("Sector", "sector"),
        ("DAC sectors", "sector[@vocabulary='1']"),
        ("Description", "description"),
        ("Participating organisation", "participating-org[@role='1']"),
        ("Aid type", "default-aid-type"),
    ],
)
def test_an_activity_without_the_element_brings_the_measure_below_100(
    full_programme, measure, left_out
):
    """Two current activities, the second without the element: the measure is 50%."""
    today = datetime.date.today()
    root = etree.fromstring(programme_activities_xml())
    (activity,) = root.findall("iati-activity")
    thinner = copy.deepcopy(activity)
    for element in thinner.xpath(left_out):
        thinner.remove(element)
    root.append(thinner)
    assert figures(etree.tostring(root), today)[measure] == 50


def test_only_current_activities_count(full_programme):
    """An activity planned to end over a year ago is not current: it counts for no measure."""
    today = datetime.date.today()
    root = etree.fromstring(programme_activities_xml())
    (activity,) = root.findall("iati-activity")
    ended = copy.deepcopy(activity)
    ended.remove(ended.find("result"))
    for each in ended.xpath("activity-date[@type='3' or @type='4']"):
        ended.remove(each)
    long_ago = (today - datetime.timedelta(days=800)).isoformat()
    etree.SubElement(ended, "activity-date", type="3", **{"iso-date": long_ago})
    root.append(ended)
    assert figures(etree.tostring(root), today)["Result/indicator"] == 100
    assert quality_of(etree.tostring(root), today=today).measures[0].applicable == 1


def test_a_thin_file_scores_low(fixture_file):
    content = fixture_file("breaks-every-rule.xml").read_bytes()
    core = figures(content, datetime.date(2026, 6, 1))
    assert core["Description"] == 0 and core["Version"] == 100


def test_the_command_prints_the_measures_of_the_export_and_of_a_file(full_programme, tmp_path):
    out = StringIO()
    call_command("iati_quality", stdout=out)
    assert "core: 100.0%" in out.getvalue() and "Forward-looking budgets" in out.getvalue()
    assert "weighted average:" in out.getvalue()
    path = tmp_path / "a.xml"
    path.write_bytes(programme_activities_xml())
    out = StringIO()
    call_command("iati_quality", str(path), "--json", stdout=out)
    found = json.loads(out.getvalue())
    assert found["activities"] == 1 and found["timeliness"]
