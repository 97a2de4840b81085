"""Every page form shows a refusal one way: the error summary at the top, linking to the field,
and the message again at the field, each with the code the API answers for the same input."""

import re

import pytest
from rest_framework.test import APIClient

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.reporting.choices import ReportKind
from tests.programmes.factories import note_in, organisation
from tests.programmes.test_transfers import pool_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    return note_in(State.JOINT_PROGRAMME, cast).joint_programme


def test_a_refused_transfer_is_shown_at_its_field_with_the_api_s_code(client, cast, programme):
    pool = pool_with("1000000")
    fields = {
        "organisation": organisation("UNICEF").pk,
        "pool": pool.pk,
        "occurred_on": "2025-03-01",
        "amount_usd": "360000.01",
    }
    api = APIClient()
    api.force_authenticate(cast.fmu)
    answer = api.post(f"/api/v1/programmes/{programme.code}/transfers/", fields, format="json")
    assert answer.status_code == 400
    assert set(answer.json()["fields"]) == {"amount_usd"}
    client.force_login(cast.fmu)
    refused = client.post(f"/programmes/{programme.code}/transfers/", fields)
    assert refused.status_code == 200
    page = refused.content.decode()
    summary = page[page.index('data-testid="error-summary"') :]
    assert 'href="#id_amount_usd"' in summary
    assert 'id="id_amount_usd_error"' in page
    assert "would exceed the approved budget" in page
    codes = re.findall(r'data-error-code="([a-z_]+)"', page)
    assert codes and set(codes) == {answer.json()["code"]}
    assert 'value="360000.01"' in page, "what the person typed is kept"


def test_a_field_the_form_refuses_has_the_api_s_invalid_code(client, cast, programme):
    client.force_login(cast.fmu)
    refused = client.post(f"/programmes/{programme.code}/extensions/", {"new_end": "soon"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert 'data-testid="error-summary"' in page
    assert set(re.findall(r'data-error-code="([a-z_]+)"', page)) == {"invalid"}


def test_a_refused_submission_is_shown_in_the_error_summary(client, cast, programme):
    report = programme.scheduled_reports.get(
        kind=ReportKind.ANNUAL_FINANCIAL, organisation=organisation("IOM"), period_end__year=2025
    )
    client.force_login(cast.organisation)
    refused = client.post(f"/reporting/{report.pk}/submit/")
    assert refused.status_code == 200
    page = refused.content.decode()
    assert 'data-testid="error-summary"' in page
    assert "expenditure by category" in page
