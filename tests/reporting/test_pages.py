"""The reporting year on its pages: a focal point finds what is owed from the home page, enters
and submits it; the FMU returns it with a comment and accepts it; overdue is shown."""

from datetime import timedelta

import pytest
from django.test import Client

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.reporting.choices import ReportStatus
from poolfund.reporting.models import ScheduledReport
from poolfund.results.models import Indicator
from tests.programmes.factories import note_in
from tests.reporting.factories import progress_report
from tests.results.factories import shelter_indicator

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def indicator(cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    return shelter_indicator(cast, programme, disaggregations=["sex"], objectives=[7])


def test_a_focal_point_reaches_a_due_report_from_the_home_page_and_submits_it(cast, indicator):
    programme = indicator.output.outcome.programme
    annual = progress_report(programme, year=2025)
    focal_point = client_of(cast.organisation)
    home = focal_point.get("/").content.decode()
    assert f'href="/reporting/{annual.pk}/"' in home
    page = focal_point.get(f"/reporting/{annual.pk}/").content.decode()
    assert 'data-testid="progress-form"' in page
    saved = focal_point.post(
        f"/results/reports/{annual.pk}/progress/",
        {
            "narrative": "Two shelters opened.",
            f"total-{indicator.pk}": "700",
            f"i{indicator.pk}-sex-female": "400",
            f"i{indicator.pk}-sex-male": "300",
        },
    )
    assert saved.status_code == 302
    focal_point.post(f"/reporting/{annual.pk}/submit/")
    annual.refresh_from_db()
    assert annual.status == ReportStatus.SUBMITTED
    fmu = client_of(cast.fmu)
    assert "1 report waiting for review" in fmu.get("/").content.decode() or (
        "reports waiting for review" in fmu.get("/").content.decode()
    )
    fmu.post(f"/reporting/{annual.pk}/return/", {"comment": "Say which shelters."})
    page = focal_point.get(f"/reporting/{annual.pk}/").content.decode()
    assert "Say which shelters." in page and 'data-testid="progress-form"' in page
    focal_point.post(f"/reporting/{annual.pk}/submit/")
    fmu.post(f"/reporting/{annual.pk}/accept/", {"comment": ""})
    annual.refresh_from_db()
    assert annual.status == ReportStatus.ACCEPTED
    programme_page = Client().get(f"/programmes/{programme.code}/").content.decode()
    assert 'data-testid="latest-1.1.1">700<' in programme_page


def test_a_breakdown_that_does_not_add_up_is_said_on_the_page(cast, indicator):
    annual = progress_report(indicator.output.outcome.programme, year=2025)
    focal_point = client_of(cast.organisation)
    response = focal_point.post(
        f"/results/reports/{annual.pk}/progress/",
        {"narrative": "x", f"total-{indicator.pk}": "700", f"i{indicator.pk}-sex-female": "1"},
        follow=True,
    )
    assert "adds up to 1, not to the total 700" in response.content.decode()


def test_overdue_reports_show_on_the_programme_page_and_the_fmu_list(cast, indicator):
    programme = indicator.output.outcome.programme
    annual = progress_report(programme, year=2025)
    ScheduledReport.objects.filter(pk=annual.pk).update(due_on=annual.due_on - timedelta(days=9999))
    page = Client().get(f"/programmes/{programme.code}/").content.decode()
    assert 'data-testid="overdue-count"' in page
    listed = client_of(cast.fmu).get(f"/reporting/?status=overdue&programme={programme.code}")
    final = progress_report(programme)  # due in 2027
    assert f'href="/reporting/{annual.pk}/"' in listed.content.decode()
    assert f'href="/reporting/{final.pk}/"' not in listed.content.decode()


def test_the_results_framework_is_built_on_the_programme_page_with_htmx(cast, indicator):
    programme = indicator.output.outcome.programme
    client = client_of(cast.organisation)
    form = client.get(f"/results/programmes/{programme.code}/indicator/new/").content.decode()
    assert 'name="target-sex-female"' in form
    refused = client.post(
        f"/results/programmes/{programme.code}/indicator/new/",
        {
            "output": indicator.output.pk,
            "code": "1.1.2",
            "description": "Shelters",
            "unit": "",
            "baseline": "0",
            "target": "4",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "say the unit" in refused.content.decode()
    saved = client.post(
        f"/results/programmes/{programme.code}/indicator/new/",
        {
            "output": indicator.output.pk,
            "code": "1.1.2",
            "description": "Shelters",
            "unit": "shelters",
            "baseline": "0",
            "target": "4",
            "objectives": "7, 23",
        },
        HTTP_HX_REQUEST="true",
    )
    assert 'id="results-framework"' in saved.content.decode()
    assert Indicator.objects.get(code="1.1.2").objectives.count() == 2


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("status", "bogus", "Select a valid choice. bogus is not one of the available choices."),
        ("due_after", "2026-02-30", "Enter a valid date."),
    ],
)
def test_the_list_of_reports_refuses_a_filter_value_naming_it(cast, name, value, reason):
    response = client_of(cast.fmu).get("/reporting/", {name: value})
    assert response.status_code == 400
    assert f"{name}: {reason}" in response.text
