"""The programme page's forms for revisions, extensions and closure, and the financial report
page, for the people who use them."""

from decimal import Decimal

import pytest

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.choices import ExpenditureCategory
from poolfund.reporting.choices import ReportKind, ReportStatus
from tests.programmes.factories import note_in, organisation
from tests.programmes.test_transfers import pool_with, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    return note_in(State.JOINT_PROGRAMME, cast).joint_programme


def test_the_fmu_finds_the_revision_extension_and_closure_forms_on_the_programme_page(
    client, cast, programme
):
    url = f"/programmes/{programme.code}/"
    assert "programme-revision-form" not in client.get(url).content.decode()
    client.force_login(cast.fmu)
    page = client.get(url).content.decode()
    for form in ("revision", "extension", "operational-closure"):
        assert f'data-testid="programme-{form}-form"' in page
    assert 'hx-post="' in page


def test_a_revision_recorded_on_the_page_shows_its_before_and_after(client, cast, programme):
    client.force_login(cast.fmu)
    url = f"/programmes/{programme.code}/"
    client.post(
        f"{url}revisions/",
        {
            "from_organisation": organisation("IOM").pk,
            "to_organisation": organisation("UNICEF").pk,
            "amount_usd": "100000",
            "effective_on": "2025-03-01",
            "reason": "UNICEF runs the shelters.",
        },
    )
    section = client.get(url).content.decode()
    assert "Budget revision recorded." in section
    assert 'data-testid="revision"' in section
    assert "540000.00" in section and "440000.00" in section
    assert "UNICEF runs the shelters." in section


def test_a_focal_point_submits_a_financial_report_and_sees_the_error_at_the_field(
    client, cast, programme
):
    send(cast, programme, "1000", pool=pool_with("100000"))
    report = programme.scheduled_reports.get(
        kind=ReportKind.ANNUAL_FINANCIAL, organisation=organisation("IOM"), period_end__year=2025
    )
    url = f"/financial-reports/{report.pk}/"
    client.force_login(cast.organisation)
    assert 'data-testid="financial-report-form"' in client.get(url).content.decode()
    fields = dict.fromkeys(ExpenditureCategory.values, "0") | {
        "other_sources_usd": "0",
        "interest_usd": "0",
    }
    refused = client.post(url, fields | {"staff": "1000.01"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "more than it received" in page
    assert 'data-testid="error-summary"' in page
    assert '<span class="usa-error-message" id="id_other_sources_usd_error">' in page
    assert 'data-error-code="expenditure_above_received"' in page
    report.refresh_from_db()
    assert report.status == ReportStatus.DUE
    done = client.post(url, fields | {"staff": "600", "other_sources_usd": "10"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    shown = client.get(url).content.decode()
    assert 'data-testid="financial-report-lines"' in shown and "600.00" in shown
    assert report.financial_report.total_usd == Decimal("600")


def test_a_financial_report_page_leads_its_focal_point_to_the_expenditure_entry(
    client, cast, programme
):
    send(cast, programme, "1000", pool=pool_with("100000"))
    report = programme.scheduled_reports.get(
        kind=ReportKind.ANNUAL_FINANCIAL, organisation=organisation("IOM"), period_end__year=2025
    )
    entry = f"/financial-reports/{report.pk}/"
    client.force_login(cast.organisation)
    page = client.get(f"/reporting/{report.pk}/").content.decode()
    assert 'data-testid="financial-panel"' in page
    assert f'href="{entry}"' in page
    fields = dict.fromkeys(ExpenditureCategory.values, "0") | {
        "other_sources_usd": "0",
        "interest_usd": "0",
    }
    client.post(entry, fields | {"staff": "600"})
    client.force_login(cast.fmu)
    reviewed = client.get(f"/reporting/{report.pk}/").content.decode()
    assert 'data-testid="financial-report-lines"' in reviewed and "600.00" in reviewed
    assert f'href="{entry}"' not in reviewed
