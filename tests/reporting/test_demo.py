"""The illustrative reporting `make run` shows: six of the brief's programmes with a results
framework and a report in each state, reached by the demo focal point from the home page."""

import datetime

import pytest
from django.test import Client, override_settings
from lxml import etree

from poolfund.accounts.demo import load_demo_accounts
from poolfund.accounts.models import User
from poolfund.iati.activity_file import programme_activities_xml
from poolfund.ledger import services as ledger
from poolfund.ledger.choices import AccountKind
from poolfund.programmes.demo import load_illustrative_revisions
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.choices import ReportKind, ReportStatus
from poolfund.reporting.demo import load_demo_reporting, read_data
from poolfund.reporting.models import ScheduledReport
from poolfund.results.selectors import results_by_objective
from tests.ledger.conftest import deposit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        load_demo_accounts(lambda line: None)
    load_demo_reporting(lambda line: None)


def progress_statuses() -> dict[str, tuple[str, bool]]:
    return {
        report.programme.code: (report.status, report.is_overdue())
        for report in ScheduledReport.objects.filter(
            kind=ReportKind.ANNUAL_PROGRESS, programme__code__startswith="AMR-"
        ).select_related("programme")
    }


def test_the_demo_data_file_says_it_is_illustrative():
    data = read_data()
    assert data["illustrative"] is True and "ILLUSTRATIVE" in data["note"]


def test_the_demo_shows_a_report_in_each_state(demo):
    assert progress_statuses() == {
        "AMR-01": (ReportStatus.DUE, False),
        "AMR-02": (ReportStatus.SUBMITTED, False),
        "AMR-03": (ReportStatus.RETURNED, True),
        "AMR-04": (ReportStatus.ACCEPTED, False),
        "AMR-05": (ReportStatus.DUE, True),
        "AMR-06": (ReportStatus.ACCEPTED, False),
    }
    assert any(row.objective.number == 7 for row in results_by_objective())


def test_the_demo_focal_point_finds_a_due_report_in_two_clicks(demo):
    client = Client()
    client.force_login(User.objects.get(username="demo-organisation-focal-point"))
    due = ScheduledReport.objects.get(programme__code="AMR-01", kind=ReportKind.ANNUAL_PROGRESS)
    assert f'href="/reporting/{due.pk}/"' in client.get("/").content.decode()  # click one
    page = client.get(f"/reporting/{due.pk}/").content.decode()  # click two
    assert 'data-testid="progress-form"' in page and 'data-testid="submit-form"' in page


def test_loading_the_demo_reporting_again_changes_nothing(demo):
    before = ScheduledReport.objects.count()
    load_demo_reporting(lambda line: None)
    assert ScheduledReport.objects.count() == before


def test_the_illustrative_programme_s_accepted_values_are_its_iati_results(demo):
    donor = ledger.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "test-donor", "Test donor")
    deposit(ledger.fund_pool(), donor, "5000000", on=datetime.date(2022, 1, 10))
    load_illustrative_revisions(lambda line: None)
    (activity,) = etree.fromstring(
        programme_activities_xml(JointProgramme.objects.filter(code="AMR-06"))
    )
    actuals = activity.xpath("result/indicator/period/actual[not(dimension)]/@value")
    assert sorted(actuals) == ["2", "940"]
    assert activity.xpath("result/indicator/period/actual/dimension[@value='female']/../@value")
