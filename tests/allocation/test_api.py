import copy

import pytest
from rest_framework.test import APIClient

from poolfund.accounts.choices import Role
from poolfund.allocation.services import propose_allocation
from tests.accounts.factories import user_with_role
from tests.allocation.conftest import SMALL_ROUND
from tests.allocation.stored import stored_round
from tests.matrix import Endpoint, role_matrix
from tests.programmes.factories import Cast, allocation_round

URL = "/api/v1/allocation/solve/"
COMMITTEE = {Role.FMU, Role.STEERING_COMMITTEE}


def proposed_round(user=None) -> dict:
    """A stored round with one proposal stored from the command line."""
    allocation_round = stored_round(Cast.create()).allocation_round
    propose_allocation(actor=None, allocation_round=allocation_round)
    return {"round": allocation_round}


test_allocation_role_matrix = role_matrix(
    Endpoint(
        "run the allocation optimiser",
        "POST",
        URL,
        allowed={Role.FMU, Role.STEERING_COMMITTEE},
        api=True,
        payload=lambda context: copy.deepcopy(SMALL_ROUND),
    ),
    Endpoint(
        "list the stored allocation rounds",
        "GET",
        "/api/v1/allocation-rounds/",
        allowed=COMMITTEE,
        api=True,
        setup=proposed_round,
    ),
    Endpoint(
        "read a stored allocation round and its latest proposal",
        "GET",
        lambda context: f"/api/v1/allocation-rounds/{context['round'].pk}/",
        allowed=COMMITTEE,
        api=True,
        setup=proposed_round,
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
    paths = response.json()["paths"]
    assert "/api/v1/allocation/solve/" in paths
    assert "/api/v1/allocation-rounds/{id}/" in paths


def test_a_stored_round_reads_with_its_policy_and_latest_proposal(fund_manager_client):
    allocation_round = proposed_round()["round"]
    body = fund_manager_client.get(f"/api/v1/allocation-rounds/{allocation_round.pk}/").json()
    assert body["name"] == allocation_round.name
    assert body["policy"]["money_as_of"] == "2024-08-31"
    assert body["policy"]["must_include"] == []
    proposal = body["latest_proposal"]
    assert proposal["status"] == "optimal"
    assert proposal["is_decided"] is False
    assert proposal["selected_count"] == len(proposal["result"]["selected"]) == 1
    assert {item["reason"] for item in proposal["result"]["left_out"]} == {"budget"}
    assert {rule["name"] for rule in proposal["result"]["constraints"]} >= {"reserve"}


def test_the_list_summarises_each_round_without_the_whole_output(fund_manager_client):
    proposed_round()
    body = fund_manager_client.get("/api/v1/allocation-rounds/").json()
    (listed,) = [row for row in body["results"] if row["latest_proposal"]]
    assert listed["latest_proposal"]["allocated"] == "1000000.00"
    assert "result" not in listed["latest_proposal"]


def test_a_round_without_policy_or_proposal_reads_as_nulls(fund_manager_client):
    bare = allocation_round()
    body = fund_manager_client.get(f"/api/v1/allocation-rounds/{bare.pk}/").json()
    assert body["policy"] is None
    assert body["latest_proposal"] is None
