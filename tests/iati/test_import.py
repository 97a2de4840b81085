import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from poolfund.audit.models import AuditEvent
from poolfund.iati.models import (
    ExternalActivity,
    ExternalActivityProblem,
    ExternalBudget,
    ExternalTransaction,
    IatiImport,
)
from poolfund.iati.services import import_iati_file

pytestmark = pytest.mark.django_db


def problems_of(report, identifier):
    return [problem for problem in report.problems if problem.activity == identifier]


def test_a_valid_file_maps_every_part_of_its_activities(fixture_file):
    report = import_iati_file(path=fixture_file("valid.xml"))
    assert (report.read, report.created, report.updated, report.problems) == (2, 2, 0, [])
    activity = ExternalActivity.objects.get(iati_identifier="XM-DAC-41301-MIG-001")
    assert activity.reporting_org_ref == "XM-DAC-41301"
    assert activity.reporting_org_name == "Example UN Agency"
    assert activity.title == "Safe labour migration corridors in Central America"
    assert activity.description.startswith("Helps governments of Guatemala")
    assert activity.activity_status == "2"
    assert str(activity.planned_start) == "2024-01-01"
    assert str(activity.actual_start) == "2024-02-15"
    assert activity.last_updated.isoformat() == "2026-01-10T09:00:00+00:00"
    countries = {c.code: (c.country.iso3, c.percentage) for c in activity.recipient_countries.all()}
    assert countries == {"GT": ("GTM", Decimal("60")), "HN": ("HND", Decimal("30"))}
    region = activity.recipient_regions.get()
    assert (region.vocabulary, region.region.name) == ("2", "Latin America and the Caribbean")
    sector = activity.sectors.get()
    assert (sector.code, sector.name[:26]) == ("15190", "Facilitation of orderly, s")
    roles = sorted(activity.participating_orgs.values_list("role", "ref"))
    assert roles == [("1", "GB-GOV-1"), ("4", "XM-DAC-41301")]
    budgets = ExternalBudget.objects.filter(activity=activity).order_by("period_start")
    assert [(b.value, b.currency) for b in budgets] == [
        (Decimal("1500000.50"), "USD"),
        (Decimal("2000000"), "USD"),  # the activity's default currency
    ]
    disbursement = ExternalTransaction.objects.get(activity=activity, transaction_type="3")
    assert disbursement.value == Decimal("750000")
    assert disbursement.receiver_org_name == "Ministry of Labour of Guatemala"
    indicator = activity.results[0]["indicators"][0]
    assert indicator["periods"][0]["target"] == "500"
    assert indicator["periods"][0]["actual"] == "420"


def test_a_second_import_of_the_same_file_changes_nothing_and_says_so(fixture_file):
    import_iati_file(path=fixture_file("valid.xml"))
    before = list(ExternalActivity.objects.values_list("pk", "updated_at", "content_hash"))
    parts = ExternalTransaction.objects.count() + ExternalBudget.objects.count()

    report = import_iati_file(path=fixture_file("valid.xml"))

    assert (report.read, report.created, report.updated, report.unchanged) == (2, 0, 0, 2)
    assert "0 created, 0 updated, 2 unchanged" in report.summary()
    assert list(ExternalActivity.objects.values_list("pk", "updated_at", "content_hash")) == before
    assert ExternalTransaction.objects.count() + ExternalBudget.objects.count() == parts


def test_reimporting_a_changed_file_updates_the_activity_in_place(fixture_file, tmp_path):
    import_iati_file(path=fixture_file("valid.xml"))
    original = ExternalActivity.objects.get(iati_identifier="XM-DAC-41301-MIG-002")
    changed = tmp_path / "changed.xml"
    changed.write_text(
        fixture_file("valid.xml")
        .read_text()
        .replace("Data on migration in the Caribbean", "Migration data, Caribbean")
    )

    report = import_iati_file(path=changed)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert ExternalActivity.objects.count() == 2
    updated = ExternalActivity.objects.get(iati_identifier="XM-DAC-41301-MIG-002")
    assert (updated.pk, updated.title) == (original.pk, "Migration data, Caribbean")
    assert updated.sectors.count() == 1


def test_legacy_transaction_types_are_read_and_each_quirk_is_a_problem(fixture_file):
    report = import_iati_file(path=fixture_file("legacy_constructs_in_203.xml"))
    assert (report.read, report.created) == (1, 1)
    activity = ExternalActivity.objects.get()
    types = list(
        ExternalTransaction.objects.filter(activity=activity)
        .order_by("date")
        .values_list("transaction_type", "value")
    )
    assert types == [("3", Decimal("1000")), ("4", Decimal("400"))]
    messages = [p.message for p in problems_of(report, "XM-EXAMPLE-LEGACY-1")]
    assert any("budget-item" in m and "'vocabulary' is not allowed" in m for m in messages)
    assert any("'Disbursement' (1.0x) read as 3" in m for m in messages)
    assert any("'E' (1.0x) read as 4" in m for m in messages)
    lines = {p.line for p in problems_of(report, "XM-EXAMPLE-LEGACY-1")}
    assert {15, 20, 25} <= lines
    assert ExternalActivityProblem.objects.filter(activity=activity).count() == len(messages)


def test_a_root_without_version_is_read_as_2_03_and_reported(fixture_file):
    report = import_iati_file(path=fixture_file("root_without_version.xml"))
    assert report.created == 1
    assert [(p.activity, p.line, p.kind) for p in report.problems] == [("", 2, "schema")]
    assert "no version" in report.problems[0].message


def test_locations_without_required_codes_are_problems_of_their_activity(fixture_file):
    report = import_iati_file(path=fixture_file("location_without_codes.xml"))
    assert report.created == 1
    found = {(p.line, p.kind) for p in problems_of(report, "XM-EXAMPLE-LOCATION-1")}
    assert found == {(13, "schema"), (15, "schema"), (16, "schema")}
    assert ExternalActivity.objects.get().recipient_countries.get().code == "EC"


def test_extra_namespaced_attributes_are_ignored(fixture_file):
    report = import_iati_file(path=fixture_file("extra_namespaced_attributes.xml"))
    assert (report.created, report.problems) == (1, [])
    assert ExternalActivity.objects.get().title == "Extra namespaced attributes"


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("not_well_formed.xml", 5, "not well-formed XML"),
        ("not_iati.xml", 2, "not an IATI activities document"),
    ],
)
def test_a_file_that_is_not_iati_xml_is_refused_with_line_and_reason(
    fixture_file, name, line, reason
):
    report = import_iati_file(path=fixture_file(name))
    assert report.refused.startswith(f"{fixture_file(name)}, line {line}: {reason}")
    assert ExternalActivity.objects.count() == 0


def test_a_truncated_file_is_refused_with_nothing_written(fixture_file, tmp_path):
    text = fixture_file("valid.xml").read_text()
    truncated = tmp_path / "truncated.xml"
    # Cut inside the second activity: the first is complete and would map.
    truncated.write_text(text[: text.index("Strengthens migration statistics")])

    report = import_iati_file(path=truncated)

    assert "not well-formed XML" in report.refused
    assert (report.read, report.created) == (0, 0)
    assert ExternalActivity.objects.count() == 0
    assert ExternalTransaction.objects.count() == 0
    assert IatiImport.objects.count() == 0


def test_an_activity_without_identifier_is_skipped_and_reported(tmp_path, fixture_file):
    text = fixture_file("valid.xml").read_text()
    path = tmp_path / "no-identifier.xml"
    path.write_text(text.replace("<iati-identifier>XM-DAC-41301-MIG-002</iati-identifier>", ""))
    report = import_iati_file(path=path)
    assert (report.read, report.created, report.skipped) == (2, 1, 1)
    assert any("skipped" in p.message for p in report.problems)


def test_each_import_is_logged_and_audited(fixture_file):
    import_iati_file(path=fixture_file("valid.xml"))
    log = IatiImport.objects.get()
    assert (log.activities_read, log.created) == (2, 2)
    event = AuditEvent.objects.get(object_id=str(log.pk), content_type__model="iatiimport")
    assert event.actor_label == "system: poolfund import iati"
    assert "2 created" in event.reason


def test_the_command_imports_a_directory_and_prints_the_report(fixture_file, tmp_path):
    for name in ["valid.xml", "legacy_constructs_in_203.xml"]:
        (tmp_path / name).write_bytes(fixture_file(name).read_bytes())
    out = io.StringIO()
    call_command("import", "iati", str(tmp_path), "--no-progress", stdout=out)
    assert "valid.xml: 2 activities read, 2 created" in out.getvalue()
    assert "XM-EXAMPLE-LEGACY-1 (line 20) [mapping]" in out.getvalue()
    assert ExternalActivity.objects.count() == 3


def test_the_command_fails_when_a_file_is_refused_but_keeps_the_others(fixture_file):
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command(
            "import",
            "iati",
            str(fixture_file("valid.xml")),
            str(fixture_file("not_well_formed.xml")),
            "--no-progress",
            stdout=out,
        )
    assert "REFUSED, nothing written" in out.getvalue()
    assert ExternalActivity.objects.count() == 2


def test_every_real_publisher_sample_is_imported(shared_iati):
    reports = [
        import_iati_file(path=path) for path in sorted((shared_iati / "samples").glob("*.xml"))
    ]
    assert len(reports) == 9
    assert not [report.refused for report in reports if report.refused]
    assert sum(report.read for report in reports) == 19
    assert ExternalActivity.objects.count() == 19
    by_file = {report.path.rsplit("/", 1)[-1]: report for report in reports}
    assert any("pos" in p.message for p in by_file["canada-activity.xml"].problems)
    assert any("url" in p.message for p in by_file["unops-at-activity.xml"].problems)
    for name in ["ec-intpa-activity.xml", "ifad-activity.xml", "usaid-humanitarian-activity.xml"]:
        assert any("no version" in p.message for p in by_file[name].problems), name
    assert not [p for p in by_file["fcdo-activity.xml"].problems if p.kind == "schema"]

    again = [import_iati_file(path=report.path) for report in reports]
    assert sum(report.unchanged for report in again) == 19
    assert ExternalActivity.objects.count() == 19


def test_an_activity_nested_in_another_element_is_taken_with_a_problem(tmp_path, fixture_file):
    text = fixture_file("extra_namespaced_attributes.xml").read_text()
    path = tmp_path / "nested.xml"
    path.write_text(text.replace("<iati-activity ", "<batch><iati-activity ").replace(
        "</iati-activity>", "</iati-activity></batch>"
    ))  # fmt: skip
    report = import_iati_file(path=path)
    assert report.created == 1
    assert [p.message for p in report.problems if p.kind == "schema"] == ["inside <batch>"]


def test_numbers_too_large_for_the_ledger_columns_are_problems_not_failures(tmp_path, fixture_file):
    text = fixture_file("valid.xml").read_text()
    path = tmp_path / "huge.xml"
    path.write_text(
        text.replace(">750000<", ">1e30<").replace('percentage="30"', 'percentage="NaN"')
    )
    report = import_iati_file(path=path)
    assert report.created == 2
    messages = [p.message for p in report.problems]
    assert "value is not a number we keep: '1e30'" in messages
    assert "percentage is not a number we keep: 'NaN'" in messages
    assert ExternalTransaction.objects.filter(transaction_type="3").get().value is None
