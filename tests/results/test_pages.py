"""The results pages show a refusal the one way: the page again with the form as posted, an
error summary at the top and the message at the field, with the API's error code."""

import re

import pytest
from django.test import Client

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.results.models import ProgressReport
from tests.programmes.factories import note_in
from tests.reporting.factories import progress_report, submitted_progress
from tests.results.factories import shelter_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    return shelter_indicator(cast, programme, disaggregations=["sex"], objectives=[7])


@pytest.fixture
def focal_point(cast) -> Client:
    client = Client()
    client.force_login(cast.organisation)
    return client


def message_at(page: str, field_id: str) -> str:
    """The text of the message shown at the field with this id ("" when there is none)."""
    found = re.search(
        rf'<span class="usa-error-message" id="{field_id}_error">(.*?)</span></span>', page
    )
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def test_a_refused_progress_report_is_shown_again_with_the_error_at_the_indicator(
    focal_point, indicator
):
    report = progress_report(indicator.output.outcome.programme, year=2025)
    response = focal_point.post(
        f"/results/reports/{report.pk}/progress/",
        {
            "narrative": "Two shelters opened.",
            f"total-{indicator.pk}": "700",
            f"i{indicator.pk}-sex-female": "400",
            f"i{indicator.pk}-sex-male": "200",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page and 'data-testid="progress-form"' in page
    assert "adds up to 600, not to the total 700" in page
    assert "does not add up to the total" in message_at(page, f"id_total-{indicator.pk}")
    assert 'data-error-code="invalid_results"' in page
    assert "Two shelters opened.</textarea>" in page
    assert not ProgressReport.objects.filter(scheduled_report=report).exists()


def test_a_breakdown_without_its_total_is_refused_at_the_total(focal_point, indicator):
    report = progress_report(indicator.output.outcome.programme, year=2025)
    response = focal_point.post(
        f"/results/reports/{report.pk}/progress/",
        {"narrative": "x", f"i{indicator.pk}-sex-female": "400"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    assert message_at(page, f"id_total-{indicator.pk}") == (
        "Give the total the breakdown adds up to."
    )
    assert f'href="#id_total-{indicator.pk}"' in page


def test_a_refused_indicator_shows_the_service_error_at_its_field_once(focal_point, indicator):
    programme = indicator.output.outcome.programme
    response = focal_point.post(
        f"/results/programmes/{programme.code}/indicator/new/",
        {
            "output": indicator.output.pk,
            "code": "1.1.1",
            "description": "Shelters",
            "unit": "shelters",
            "baseline": "0",
            "target": "4",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    assert message_at(page, "id_code") == "Already used."
    assert 'data-error-code="invalid_results"' in page
    assert page.count("The code 1.1.1 is taken.") == 1


def test_a_target_breakdown_that_does_not_add_up_is_shown_at_the_target(focal_point, indicator):
    programme = indicator.output.outcome.programme
    response = focal_point.post(
        f"/results/programmes/{programme.code}/indicator/new/",
        {
            "output": indicator.output.pk,
            "code": "1.1.2",
            "description": "Shelters",
            "unit": "shelters",
            "baseline": "0",
            "target": "10",
            "disaggregations": ["sex"],
            "target-sex-female": "3",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    assert "does not add up to the total" in message_at(page, "id_target")


def test_progress_posted_to_a_report_no_longer_open_says_why_on_its_page(
    cast, focal_point, indicator
):
    report = submitted_progress(
        cast, progress_report(indicator.output.outcome.programme, year=2025), []
    )
    response = focal_point.post(
        f"/results/reports/{report.pk}/progress/", {"narrative": "Later news."}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page and 'data-error-code="conflict"' in page
    assert "cannot be changed now" in page
