import pytest

from poolfund.accounts.choices import Role
from poolfund.accounts.models import RoleAssignment

pytestmark = pytest.mark.django_db

URL = "/api/v1/allocation/solve/"


@pytest.fixture
def person(django_user_model):
    def make(role=None):
        user = django_user_model.objects.create_user(f"user-{role or 'none'}")
        if role:
            RoleAssignment.objects.create(user=user, role=role)
        return user

    return make


@pytest.mark.parametrize("role", [Role.FMU, Role.STEERING_COMMITTEE])
def test_fund_managers_and_committee_members_may_run_the_optimiser(
    client, person, small_round, role
):
    client.force_login(person(role))
    response = client.post(URL, small_round, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "optimal"
    assert body["objective_value"] == "22.000000"


@pytest.mark.parametrize("role", [None, Role.DONOR_FOCAL_POINT, Role.CIVIL_SOCIETY])
def test_other_people_may_not_run_the_optimiser(client, person, small_round, role):
    client.force_login(person(role))
    response = client.post(URL, small_round, content_type="application/json")
    assert response.status_code == 403


def test_anonymous_visitors_may_not_run_the_optimiser(client, small_round):
    response = client.post(URL, small_round, content_type="application/json")
    assert response.status_code in {401, 403}


def test_an_invalid_round_is_a_400_with_the_reason(client, person, small_round):
    client.force_login(person(Role.FMU))
    del small_round["pools"]
    response = client.post(URL, small_round, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_round"
    assert "'pools' is a required property" in response.json()["message"]


def test_openapi_schema_documents_the_solve_endpoint(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert "/api/v1/allocation/solve/" in response.json()["paths"]
