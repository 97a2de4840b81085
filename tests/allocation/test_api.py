import copy

import pytest
from rest_framework.test import APIClient

from poolfund.accounts.choices import Role
from tests.accounts.factories import user_with_role
from tests.allocation.conftest import SMALL_ROUND
from tests.matrix import Endpoint, role_matrix

URL = "/api/v1/allocation/solve/"

test_allocation_role_matrix = role_matrix(
    Endpoint(
        "run the allocation optimiser",
        "POST",
        URL,
        allowed={Role.FMU, Role.STEERING_COMMITTEE},
        api=True,
        payload=lambda context: copy.deepcopy(SMALL_ROUND),
    ),
)


@pytest.fixture
def fund_manager_client(db):
    client = APIClient()
    client.force_authenticate(user_with_role(Role.FMU))
    return client


def test_the_api_returns_the_same_proposal_as_the_engine(fund_manager_client, small_round):
    body = fund_manager_client.post(URL, small_round, format="json").json()
    assert body["status"] == "optimal"
    assert body["objective_value"] == "22.000000"
    assert [item["id"] for item in body["selected"]] == ["B", "C", "D"]


def test_an_invalid_round_is_a_400_with_the_reason(fund_manager_client, small_round):
    del small_round["pools"]
    response = fund_manager_client.post(URL, small_round, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_round"
    assert "'pools' is a required property" in response.json()["message"]


def test_openapi_schema_documents_the_solve_endpoint(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert "/api/v1/allocation/solve/" in response.json()["paths"]
