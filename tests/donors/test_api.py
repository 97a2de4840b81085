from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from poolfund.accounts.choices import Role
from poolfund.donors.models import Donor
from poolfund.donors.services import record_deposit
from poolfund.geo.models import Region
from tests.accounts.factories import user_with_role
from tests.donors.factories import commitment_for

pytestmark = pytest.mark.django_db


def test_fund_summary_gives_the_brief_figures_as_decimal_strings(client):
    body = client.get("/api/v1/fund/summary/?as_of=2024-08-31").json()
    assert body["target_usd"] == "150000000.00"
    assert body["deposited_usd"] == "57595084.00"
    assert body["committed_usd"] == "57595084.00"
    assert body["percent_of_target"] == "38.4"
    assert (body["donor_count"], body["member_state_count"]) == (22, 20)
    assert body["currency"] == "USD"


def test_fund_summary_refuses_a_bad_date(client):
    response = client.get("/api/v1/fund/summary/?as_of=August")
    assert response.status_code == 400
    assert "as_of" in response.json()["fields"]


def test_donors_endpoint_lists_the_22_donors_largest_first(client):
    body = client.get("/api/v1/donors/").json()
    assert body["count"] == 22
    first = body["results"][0]
    assert first == {
        "slug": "germany",
        "name": "Germany",
        "donor_type": "member-state",
        "is_un_member_state": True,
        "country": "DEU",
        "deposited_usd": "19569912.00",
        "committed_usd": "19569912.00",
    }
    bosch = next(row for row in body["results"] if row["name"].startswith("Robert Bosch"))
    assert bosch["country"] is None


def test_public_deposits_hide_bank_references(client):
    body = client.get("/api/v1/deposits/?donor=mexico").json()
    assert body["count"] == 3
    assert [row["amount"] for row in body["results"]] == ["200000.00", "175000.00", "175000.00"]
    assert "bank_reference" not in body["results"][0]


def test_donor_focal_point_sees_own_deposits_in_full_and_no_others(client):
    mexico = Donor.objects.get(slug="mexico")
    user = user_with_role(Role.DONOR_FOCAL_POINT, donor=mexico)
    client.force_login(user)
    own = client.get("/api/v1/deposits/?donor=mexico").json()["results"][0]
    assert own["bank_reference"] == "DEMO-mexico-1"
    assert own["usd_rate"] == "1.0000000000"
    other = client.get("/api/v1/deposits/?donor=germany").json()["results"][0]
    assert "bank_reference" not in other


def test_deposits_earmarked_to_a_region_are_listed_by_code_or_name(client):
    latin_america = Region.objects.get(m49_code="419")
    commitment = commitment_for(
        amount="500.00", region=latin_america, steering_committee_decision="SC decision 2024/09"
    )
    record_deposit(
        actor=None,
        commitment=commitment,
        amount=Decimal("500.00"),
        received_on=date(2024, 3, 4),
        bank_reference="LAC-API-1",
    )
    for region in ("419", "latin america and the caribbean"):
        body = client.get(f"/api/v1/deposits/?earmark_region={region}").json()
        assert body["count"] == 1
        assert body["results"][0]["earmark"] == "region"
        assert body["results"][0]["earmark_region"] == "419"
        assert body["results"][0]["earmark_country"] is None
    assert client.get("/api/v1/deposits/?earmark_region=029").json()["count"] == 0
    unearmarked = client.get("/api/v1/deposits/?donor=mexico").json()["results"][0]
    assert unearmarked["earmark_region"] is None


def test_an_unknown_region_is_a_clear_error(client):
    response = client.get("/api/v1/deposits/?earmark_region=Atlantis")
    assert response.status_code == 400
    assert response.json()["fields"]["earmark_region"] == (
        "No UN M49 region is called or numbered “Atlantis”."
    )


def test_an_unknown_donor_is_a_clear_error(client):
    response = client.get("/api/v1/deposits/?donor=atlantis")
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "donor": "No donor is called “atlantis” in its address (its slug)."
    }


def test_deposits_api_refuses_anonymous_writes(client):
    assert client.post("/api/v1/deposits/", {}).status_code in (401, 403, 405)


def test_deposits_have_one_address_and_one_name_in_the_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert reverse("api-deposit-list") == "/api/v1/deposits/"
    assert "/api/v1/deposits/" in schema["paths"]
    assert client.get("/api/v1/contributions/").status_code == 404
    assert {"Deposit", "DepositDetail", "PaginatedDepositList"} <= set(
        schema["components"]["schemas"]
    )
    assert not [name for name in schema["components"]["schemas"] if "Contribution" in name]


def fmu_client():
    client = APIClient()
    client.force_authenticate(user_with_role(Role.FMU))
    return client


def test_fmu_records_a_deposit_through_the_api_and_it_reaches_the_ledger():
    commitment = commitment_for(amount="1000.00", reference="API-1")
    response = fmu_client().post(
        "/api/v1/deposits/",
        {
            "commitment": "API-1",
            "amount": "400.00",
            "received_on": "2024-03-04",
            "bank_reference": "API-BANK-1",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["amount"], body["usd_amount"], body["bank_reference"]) == (
        "400.00",
        "400.00",
        "API-BANK-1",
    )
    assert commitment.deposits.get().ledger_transaction.entries.count() == 2


def test_api_deposit_beyond_the_commitment_is_a_conflict_with_a_clear_message():
    commitment_for(amount="100.00", reference="API-2")
    response = fmu_client().post(
        "/api/v1/deposits/",
        {
            "commitment": "API-2",
            "amount": "100.01",
            "received_on": "2024-03-04",
            "bank_reference": "API-BANK-2",
        },
        format="json",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "deposit_exceeds_commitment"
    assert "100.00 USD remain" in body["message"]
    assert (
        Donor.objects.filter(
            commitments__reference="API-2", commitments__deposits__isnull=False
        ).count()
        == 0
    )
