"""`poolfund iati-quality`: the IATI Dashboard's measures for one file."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from poolfund.iati.exports import programme_activities_xml
from poolfund.iati.quality import quality_of

pytestmark = pytest.mark.django_db


def test_every_applicable_comprehensiveness_measure_is_met_by_the_export(full_programme):
    today = datetime.date.today()
    quality = quality_of(programme_activities_xml(), today=today)
    applicable = [m for m in quality.measures if m.applicable]
    assert {m.group for m in applicable} == {"core", "financials", "value-added"}
    assert [(m.name, m.percentage) for m in applicable if m.percentage != 100] == []
    assert all(m.reason for m in quality.measures if not m.applicable)
    running = [each for each in quality.forward_looking if each.current]
    assert running and all(each.percentage == 100 for each in running)
    assert quality.last_transaction == today  # the commitment, on the approval (today)
    assert quality.timeliness == "within one month"


def test_a_thin_file_scores_low(fixture_file):
    content = fixture_file("breaks-every-rule.xml").read_bytes()
    quality = quality_of(content, today=datetime.date(2026, 6, 1))
    core = {m.name: m.percentage for m in quality.measures if m.group == "core"}
    assert core["Description"] == 0 and core["IATI identifier"] == 50


def test_the_command_prints_the_measures_of_the_export_and_of_a_file(full_programme, tmp_path):
    out = StringIO()
    call_command("iati_quality", stdout=out)
    assert "core: 100.0%" in out.getvalue() and "Forward-looking budgets" in out.getvalue()
    path = tmp_path / "a.xml"
    path.write_bytes(programme_activities_xml())
    out = StringIO()
    call_command("iati_quality", str(path), "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["activities"] == 1 and figures["timeliness"]
