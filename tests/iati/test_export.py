"""The IATI 2.03 export of Joint Programmes and of the Fund's organisation file."""

from decimal import Decimal

import iatikit
import pytest
from django.core.management import call_command
from lxml import etree

from poolfund.geo.models import RegionalBody
from poolfund.iati.activity import even_percentages
from poolfund.iati.activity_file import (
    NothingToPublish,
    programme_activities,
    programme_activities_xml,
    programme_export,
)
from poolfund.iati.codelists import codelist
from poolfund.iati.external_activities import external_activities_xml
from poolfund.iati.identifiers import known_identifiers
from poolfund.iati.models import ExternalActivity
from poolfund.iati.organisation_file import organisation_xml
from poolfund.iati.reader import SCHEMA_DIR
from poolfund.iati.services import import_iati_file
from poolfund.iati.writer import InvalidIatiFile, checked_activities_xml
from poolfund.programmes.models import JointProgramme

pytestmark = pytest.mark.django_db

# Attributes holding codes, and the codelist each must come from.
CODED = {
    "reporting-org/@type": "OrganisationType",
    "participating-org/@role": "OrganisationRole",
    "participating-org/@type": "OrganisationType",
    "activity-status/@code": "ActivityStatus",
    "activity-date/@type": "ActivityDateType",
    "recipient-country/@code": "Country",
    "recipient-region/@vocabulary": "RegionVocabulary",
    "sector/@vocabulary": "SectorVocabulary",
    "sector[@vocabulary='1']/@code": "Sector",
    "budget/@type": "BudgetType",
    "budget/@status": "BudgetStatus",
    "transaction/transaction-type/@code": "TransactionType",
    "result/@type": "ResultType",
    "result/indicator/@measure": "IndicatorMeasure",
    "default-finance-type/@code": "FinanceType",
    "default-aid-type/@code": "AidType",
    "planned-disbursement/@type": "BudgetType",
    "transaction/provider-org/@type": "OrganisationType",
    ".//@currency": "Currency",
}


def parsed(content: bytes) -> etree._Element:
    return etree.fromstring(content)


def activity_of(document: etree._Element, programme: JointProgramme) -> etree._Element:
    (found,) = document.xpath(
        f"iati-activity[iati-identifier='XM-DAC-41114-MIG00-{programme.code}']"
    )
    return found


def official_schema(shared_iati, name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(shared_iati / "schemas-2.03" / name)))


def test_every_dated_programme_is_exported_valid_against_the_official_and_the_shipped_schema(
    shared_iati, full_programme
):
    document = parsed(programme_activities_xml())
    assert document.xpath("iati-activity/iati-identifier/text()") == [
        "XM-DAC-41114-MIG00-" + full_programme.code
    ]
    for schema in [
        official_schema(shared_iati, "iati-activities-schema.xsd"),
        etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd"))),
    ]:
        assert schema.validate(document), schema.error_log


def test_the_programme_activity_carries_roles_places_sectors_money_and_results(full_programme):
    activity = activity_of(parsed(programme_activities_xml()), full_programme)
    roles = {org.get("role") for org in activity.iterfind("participating-org")}
    assert roles == {"1", "3", "4"}
    implementing = activity.xpath("participating-org[@role='4']/@ref")
    assert "XM-DAC-47066" in implementing  # IOM
    # the transfer left a pool whose one donor's money it was: that donor alone funds it
    assert activity.xpath("participating-org[@role='1']/narrative/text()") == ["Test donor"]
    shares = [Decimal(p) for p in activity.xpath("recipient-country/@percentage")]
    shares += [Decimal(p) for p in activity.xpath("recipient-region/@percentage")]
    assert sum(shares) == 100
    assert activity.xpath("sector[@vocabulary='1']/@code") == ["15190"]
    gcm = activity.xpath("sector[@vocabulary='99']")
    assert gcm and all(s.get("vocabulary-uri") for s in gcm)
    assert sum(Decimal(s.get("percentage")) for s in gcm) == 100
    types = activity.xpath("transaction/transaction-type/@code")
    assert {"1", "2", "3", "4"} <= set(types)
    (disbursement,) = activity.xpath("transaction[transaction-type/@code='3']/value/text()")
    assert Decimal(disbursement) == Decimal("300000")
    (spent,) = activity.xpath("transaction[transaction-type/@code='4']/value/text()")
    assert Decimal(spent) == Decimal("120000.50")
    commitments = activity.xpath("transaction[transaction-type/@code='2']/value/text()")
    assert sum(map(Decimal, commitments)) == full_programme.budget_usd
    budgets = activity.xpath("budget/value/text()")
    assert len(budgets) == 2  # two programme years
    assert sum(map(Decimal, budgets)) == full_programme.budget_usd
    assert activity.xpath("result/indicator/period/actual/@value") == ["800"]


def test_a_programme_with_unknown_dates_gets_no_activity_date_and_is_withheld(shared_iati):
    demo = JointProgramme.objects.get(code="AMR-01")
    assert {"starts_on", "ends_on", "organisations"} <= set(demo.not_stated_in_source)
    only_demo = JointProgramme.objects.filter(pk=demo.pk)
    export = programme_export(only_demo)
    assert export.activities == []
    assert [each.code for each in export.withheld] == ["AMR-01"]
    with pytest.raises(NothingToPublish):
        programme_activities_xml(only_demo)


def test_programmes_not_stated_in_source_leave_out_what_is_unknown(shared_iati, full_programme):
    """A programme whose organisations and objectives are not stated, but whose money moved:
    its one date is the first transfer (the actual start), nothing else is dated."""
    full_programme.not_stated_in_source = ["starts_on", "ends_on", "organisations", "objectives"]
    full_programme.save()
    document = parsed(programme_activities_xml(JointProgramme.objects.filter(pk=full_programme.pk)))
    assert official_schema(shared_iati, "iati-activities-schema.xsd").validate(document)
    activity = activity_of(document, full_programme)
    assert not activity.xpath("participating-org[@role='4']")
    assert not activity.xpath("sector[@vocabulary='99']")
    assert not activity.xpath("budget") and not activity.xpath("planned-disbursement")
    assert not activity.xpath("transaction[transaction-type/@code='2']")
    dates = {d.get("type"): d.get("iso-date") for d in activity.iterfind("activity-date")}
    assert dates == {"2": "2025-02-01"}


def test_every_code_exported_is_in_its_official_codelist(full_programme):
    full_programme.regional_bodies.add(RegionalBody.objects.first())
    document = parsed(programme_activities_xml())
    for path, list_name in CODED.items():
        values = document.xpath(f"iati-activity/{path}" if not path.startswith(".") else path)
        assert values, path
        unknown = set(values) - set(codelist(list_name))
        assert not unknown, (path, unknown)


def test_un_organisation_identifiers_name_their_source_and_codelist_ones_are_in_the_list():
    known = known_identifiers()
    assert {"IOM", "UNDP", "UNHCR", "UNICEF"} <= set(known)
    for acronym, each in known.items():
        assert each.identifier.startswith("XM-DAC-"), acronym
        if "OrganisationIdentifier codelist" in each.source:
            assert each.identifier.removeprefix("XM-DAC-") in codelist("OrganisationIdentifier")
        else:
            assert "IATI Registry" in each.source


def test_even_percentages_always_add_up_to_exactly_100():
    for count in range(1, 40):
        shares = even_percentages(count)
        assert len(shares) == count and sum(shares) == 100


def test_the_organisation_file_is_valid_and_totals_the_programme_budgets(
    shared_iati, full_programme
):
    document = parsed(organisation_xml())
    assert official_schema(shared_iati, "iati-organisations-schema.xsd").validate(document)
    totals = document.xpath("iati-organisation/total-budget/value/text()")
    assert sum(map(Decimal, totals)) == full_programme.budget_usd  # the one programme dated
    years = document.xpath("iati-organisation/total-budget/period-start/@iso-date")
    assert years == ["2025-01-01", "2026-01-01"]
    assert document.xpath("iati-organisation/total-expenditure")


def test_the_export_command_writes_both_files(tmp_path, full_programme):
    call_command("export", "iati-activities", "-o", tmp_path / "a.xml", verbosity=0)
    call_command("export", "iati-organisation", "-o", tmp_path / "o.xml", verbosity=0)
    assert parsed((tmp_path / "a.xml").read_bytes()).tag == "iati-activities"
    assert parsed((tmp_path / "o.xml").read_bytes()).tag == "iati-organisations"


# What PoolFund's export writes that the importer (issue 15's domain) does not keep.
NOT_IMPORTED = ("planned-disbursement", "default-finance-type", "default-aid-type")


def canonical_activities(content: bytes) -> list[bytes]:
    activities = sorted(parsed(content), key=lambda a: a.findtext("iati-identifier"))
    for activity in activities:
        for tag in NOT_IMPORTED:
            for element in activity.findall(tag):
                activity.remove(element)
        for org in activity.xpath("transaction/provider-org | transaction/receiver-org"):
            org.attrib.pop("type", None)
    return [etree.tostring(activity, method="c14n") for activity in activities]


def test_export_import_export_yields_the_same_activities(tmp_path, full_programme):
    first = programme_activities_xml()
    path = tmp_path / "activities.xml"
    path.write_bytes(first)
    report = import_iati_file(path=path)
    assert report.created == len(parsed(first)) and not report.refused
    assert not [p for p in report.problems if p.kind in ("schema", "codelist")]
    imported = ExternalActivity.objects.filter(reporting_org_ref="XM-DAC-41114")
    again = external_activities_xml(imported)
    assert canonical_activities(again) == canonical_activities(first)


def money_rows(activity: etree._Element) -> tuple[list, list]:
    budgets = [
        (
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            Decimal(b.findtext("value")),
        )
        for b in activity.iterfind("budget")
    ]
    transactions = [
        (
            t.find("transaction-type").get("code"),
            t.find("transaction-date").get("iso-date"),
            Decimal(t.findtext("value")),
            t.xpath("string(provider-org/@ref)"),
            t.xpath("string(receiver-org/@ref)"),
        )
        for t in activity.iterfind("transaction")
    ]
    return budgets, transactions


def test_iatikit_reads_back_the_same_activities_budgets_and_transactions(tmp_path, full_programme):
    content = programme_activities_xml()
    path = tmp_path / "activities.xml"
    path.write_bytes(content)
    activities = {a.iati_identifier: a for a in iatikit.Dataset(str(path)).activities}
    ours = {a.findtext("iati-identifier"): a for a in parsed(content)}
    assert set(activities) == set(ours)
    for identifier, activity in activities.items():
        assert money_rows(activity.etree) == money_rows(ours[identifier])
    budgets, transactions = money_rows(
        activities[f"XM-DAC-41114-MIG00-{full_programme.code}"].etree
    )
    assert sum(value for *_, value in budgets) == full_programme.budget_usd
    assert ("3", "2025-02-01", Decimal("300000.00"), "XM-DAC-41114-MIG00", "XM-DAC-47066") in (
        transactions
    )
    assert str(activities[f"XM-DAC-41114-MIG00-{full_programme.code}"].actual_start) == "2025-02-01"


def test_a_file_the_schema_rejects_is_never_handed_out(full_programme):
    (activity,) = programme_activities(JointProgramme.objects.filter(pk=full_programme.pk))
    activity.title = ""  # a title without a narrative is not valid 2.03
    with pytest.raises(InvalidIatiFile, match=r"not valid against 2\.03"):
        checked_activities_xml([activity])


def test_the_activity_file_download_says_when_nothing_can_be_published(client):
    JointProgramme.objects.update(starts_on=None, ends_on=None)
    response = client.get("/iati/poolfund-activities.xml")
    assert response.status_code == 404
    assert "none has a known date" in response.content.decode()
