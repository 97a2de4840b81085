"""The results framework through the API: POST and PATCH under the programme, clear errors."""

import pytest
from rest_framework.test import APIClient

from poolfund.audit.selectors import history_of
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.results.models import Indicator
from tests.programmes.factories import note_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    return note_in(State.JOINT_PROGRAMME, cast).joint_programme


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def chain(client, programme) -> int:
    """Outcome 1 and output 1.1; the output's id."""
    base = f"/api/v1/programmes/{programme.code}"
    outcome = client.post(f"{base}/outcomes/", {"code": "1", "statement": "Safer"}, format="json")
    assert outcome.status_code == 201, outcome.json()
    output = client.post(
        f"{base}/outputs/",
        {"outcome": outcome.json()["id"], "code": "1.1", "statement": "Shelters run"},
        format="json",
    )
    assert output.status_code == 201, output.json()
    return output.json()["id"]


def indicator_body(output: int, **changes) -> dict:
    return {
        "output": output,
        "code": "1.1.1",
        "description": "People assisted",
        "unit": "people",
        "baseline": "0",
        "target": "1000",
        "disaggregations": ["sex"],
        "target_breakdown": {"sex": {"female": "500", "male": "500"}},
        "objectives": [7, 23],
        **changes,
    }


def test_a_focal_point_builds_the_framework_and_every_change_is_audited(cast, programme):
    client = client_of(cast.organisation)
    output = chain(client, programme)
    created = client.post(
        f"/api/v1/programmes/{programme.code}/indicators/", indicator_body(output), format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["objectives"] == [7, 23]
    changed = client.patch(
        f"/api/v1/programmes/{programme.code}/indicators/{created.json()['id']}/",
        {"target": "1200", "target_breakdown": {}},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    indicator = Indicator.objects.get()
    assert indicator.target == 1200
    assert history_of(indicator).count() == 2
    framework = APIClient().get(f"/api/v1/programmes/{programme.code}/results-framework/").json()
    assert framework["outcomes"][0]["outputs"][0]["indicators"][0]["code"] == "1.1.1"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unit": ""}, "unit", "unit"),
        ({"objectives": [7, 24]}, "objectives", "no objective 24"),
        (
            {"target_breakdown": {"sex": {"female": "500", "male": "400"}}},
            "target_breakdown",
            "adds up to 900, not to the total 1000",
        ),
        (
            {"target_breakdown": {"age": {"0-17": "1000"}}},
            "target_breakdown",
            "not disaggregated by age",
        ),
    ],
)
def test_bad_indicators_are_refused_with_a_clear_error(cast, programme, changes, field, message):
    client = client_of(cast.organisation)
    output = chain(client, programme)
    response = client.post(
        f"/api/v1/programmes/{programme.code}/indicators/",
        indicator_body(output, **changes),
        format="json",
    )
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert field in response.json()["fields"]
    assert not Indicator.objects.exists()


def test_another_organisation_may_not_change_the_framework(cast, programme):
    response = client_of(cast.other_organisation).post(
        f"/api/v1/programmes/{programme.code}/outcomes/",
        {"code": "1", "statement": "x"},
        format="json",
    )
    assert response.status_code == 403
