"""The committee page of a stored round, and who may view, re-run and decide."""

from decimal import Decimal

import pytest
from django.test import Client

from poolfund.accounts.choices import Role
from poolfund.allocation import services
from poolfund.programmes.choices import ConceptNoteState
from poolfund.programmes.models import ConceptNote
from tests.accounts.factories import user_with_role
from tests.allocation.stored import stored_round
from tests.matrix import Endpoint, role_matrix
from tests.programmes.factories import Cast

COMMITTEE = {Role.FMU, Role.STEERING_COMMITTEE}


def round_setup(user) -> dict:
    return {"round": stored_round(Cast.create()).allocation_round}


def round_url(suffix: str = ""):
    return lambda context: f"/allocation/rounds/{context['round'].pk}/{suffix}"


test_allocation_page_role_matrix = role_matrix(
    Endpoint(
        "set a round's policy",
        "POST",
        round_url("policy/"),
        allowed={Role.FMU},
        setup=round_setup,
        payload={
            "money_as_of": "2024-08-31",
            "grant_min_usd": "0",
            "reserve_usd": "0",
            "partial_funding_floor": "1",
        },
        success=(302,),
    ),
    Endpoint("see the allocation rounds", "GET", "/allocation/rounds/", allowed=COMMITTEE),
    Endpoint("open a round", "GET", round_url(), allowed=COMMITTEE, setup=round_setup),
    Endpoint(
        "re-run a round with pins",
        "POST",
        round_url("run/"),
        allowed=COMMITTEE,
        setup=round_setup,
        payload={},
    ),
    Endpoint(
        "record the round's decision",
        "POST",
        round_url("decide/"),
        allowed={Role.STEERING_COMMITTEE},
        setup=round_setup,
        payload={"reason": "Balanced across the Compact."},
        success=(302,),
    ),
)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def round_(db):
    return stored_round(Cast.create())


def test_the_page_shows_the_proposal_beside_the_portfolio_and_the_greedy_baseline(round_):
    response = signed_in(round_.cast.fmu).get(f"/allocation/rounds/{round_.allocation_round.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    assert 'data-testid="balance"' in page
    assert 'data-testid="greedy"' in page
    assert page.count("left out") >= 2
    assert "Approve the proposal" not in page


def test_a_pin_in_re_runs_the_proposal_with_that_note_funded(round_):
    client = signed_in(round_.cast.steering)
    pk = round_.allocation_round.pk
    for note in round_.notes:
        response = client.post(f"/allocation/rounds/{pk}/run/", {f"pin-{note.reference}": "in"})
        fragment = response.content.decode()
        assert fragment.lstrip().startswith('<div id="proposal">')
        row = fragment.split(f'data-testid="note-{note.reference}"')[1].split("</tr>")[0]
        assert "fund 1000000.00" in row
        assert '<option value="in" selected>' in row


def test_the_steering_committee_records_the_decision_on_the_page(round_):
    client = signed_in(round_.cast.steering)
    pk = round_.allocation_round.pk
    chosen = round_.notes[2]
    response = client.post(
        f"/allocation/rounds/{pk}/decide/",
        {f"pin-{chosen.reference}": "in", "reason": "Area 4 needs it most."},
        follow=True,
    )
    assert "1 concept notes approved for funding." in response.content.decode()
    chosen.refresh_from_db()
    assert chosen.state == ConceptNoteState.APPROVED
    decision = chosen.decisions.get(kind="approve")
    assert decision.amount_usd == Decimal("1000000.00")
    assert decision.reason == "Area 4 needs it most."


def test_a_decision_without_a_reason_is_refused_on_the_page(round_):
    client = signed_in(round_.cast.steering)
    response = client.post(
        f"/allocation/rounds/{round_.allocation_round.pk}/decide/", {"reason": ""}, follow=True
    )
    assert "Give the reason" in response.content.decode()
    assert not ConceptNote.objects.filter(state=ConceptNoteState.APPROVED).exists()


def test_the_fmu_sets_the_policy_on_the_page(round_):
    client = signed_in(round_.cast.fmu)
    pk = round_.allocation_round.pk
    policy = round_.allocation_round.policy
    response = client.post(
        f"/allocation/rounds/{pk}/policy/",
        {
            "money_as_of": "2024-08-31",
            "thematic_area_shares": '{"4": {"min": 0.5}}',
            "grant_min_usd": "0",
            "partial_funding_floor": "1",
            "reserve_usd": str(policy.reserve_usd),
        },
        follow=True,
    )
    assert "Policy settings saved." in response.content.decode()
    policy.refresh_from_db()
    assert policy.thematic_area_shares == {"4": {"min": 0.5}}
    _data, result = services.run_round(round_.allocation_round)
    assert [item["id"] for item in result["selected"]] == [round_.notes[2].reference]


def test_the_steering_committee_cannot_change_the_policy(round_):
    response = signed_in(round_.cast.steering).post(
        f"/allocation/rounds/{round_.allocation_round.pk}/policy/",
        {"money_as_of": "2024-08-31", "reserve_usd": "0"},
    )
    assert response.status_code == 403
    round_.allocation_round.policy.refresh_from_db()
    assert round_.allocation_round.policy.reserve_usd != 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.FMU, True), (Role.STEERING_COMMITTEE, True), (Role.DONOR_FOCAL_POINT, False)],
)
def test_the_nav_links_to_the_rounds_for_those_who_may_open_them(role, shown):
    page = signed_in(user_with_role(role)).get("/").content.decode()
    assert ('href="/allocation/rounds/"' in page) is shown


@pytest.mark.django_db
def test_visitors_see_no_link_to_the_rounds():
    assert 'href="/allocation/rounds/"' not in Client().get("/").content.decode()
