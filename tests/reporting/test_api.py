"""The reporting calendar through the API: lists with filters, the review steps, progress."""

from datetime import timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.reporting.choices import ReportKind, ReportStatus
from poolfund.reporting.models import ScheduledReport
from poolfund.results.selectors import latest_totals
from tests.programmes.factories import note_in
from tests.reporting.factories import progress_report
from tests.results.factories import shelter_indicator

pytestmark = pytest.mark.django_db


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def indicator(cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    return shelter_indicator(cast, programme, disaggregations=["sex"], objectives=[7])


@pytest.fixture
def annual(indicator):
    return progress_report(indicator.output.outcome.programme, year=2025)


def test_the_api_lists_overdue_reports(cast, annual):
    ScheduledReport.objects.exclude(pk=annual.pk).update(due_on=annual.due_on + timedelta(9999))
    ScheduledReport.objects.filter(pk=annual.pk).update(due_on="2020-04-30")
    rows = client_of(cast.fmu).get("/api/v1/reports/?status=overdue").json()["results"]
    assert [
        (row["id"], row["is_overdue"]) for row in rows if row["programme"] == annual.programme.code
    ] == [(annual.pk, True)]
    assert all(row["is_overdue"] for row in rows)


def test_the_list_filters_by_programme_kind_and_organisation(cast, annual):
    code = annual.programme.code
    rows = (
        client_of(cast.fmu)
        .get(f"/api/v1/reports/?programme={code}&kind=final-financial&organisation=unicef")
        .json()["results"]
    )
    assert [(row["kind"], row["organisation"]) for row in rows] == [
        (ReportKind.FINAL_FINANCIAL, "UNICEF")
    ]


def test_a_focal_point_enters_and_submits_and_the_fmu_returns_then_accepts(cast, indicator, annual):
    focal_point, fmu = client_of(cast.organisation), client_of(cast.fmu)
    url = f"/api/v1/reports/{annual.pk}"
    entry = {
        "narrative": "Two shelters opened.",
        "values": [
            {
                "indicator": indicator.pk,
                "total": "700",
                "breakdown": {"sex": {"female": "400", "male": "300"}},
            }
        ],
    }
    saved = focal_point.put(f"{url}/progress/", entry, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["values"][0]["breakdown"]["sex"]["female"] == "400.0000"
    assert focal_point.post(f"{url}/submit/").json()["status"] == ReportStatus.SUBMITTED
    returned = fmu.post(f"{url}/return/", {"comment": "Say where."}, format="json")
    assert returned.json()["status"] == ReportStatus.RETURNED
    focal_point.post(f"{url}/submit/")
    assert fmu.post(f"{url}/accept/", {}, format="json").json()["status"] == ReportStatus.ACCEPTED
    assert latest_totals(annual.programme) == {indicator.pk: Decimal(700)}
    detail = fmu.get(f"{url}/").json()
    assert [event["kind"] for event in detail["events"]] == [
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]
    assert detail["events"][1]["comment"] == "Say where."


def test_a_breakdown_that_does_not_add_up_is_a_clear_error(cast, indicator, annual):
    response = client_of(cast.organisation).put(
        f"/api/v1/reports/{annual.pk}/progress/",
        {
            "narrative": "x",
            "values": [
                {"indicator": indicator.pk, "total": "700", "breakdown": {"sex": {"female": "1"}}}
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_results"
    assert "adds up to 1, not to the total 700" in body["message"]
    assert f"indicator-{indicator.pk}" in body["fields"]


def test_the_right_is_checked_before_the_input(cast, annual):
    response = client_of(cast.organisation).post(
        f"/api/v1/reports/{annual.pk}/return/", {}, format="json"
    )
    assert response.status_code == 403
