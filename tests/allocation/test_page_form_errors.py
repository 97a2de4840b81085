"""A refused form on a round's page shows the page again (200) with the posted form in its
place: the error summary at the top, linking to the field, and the message at the field, each
with the code the API answers for it; never a flash message after a redirect."""

import re

import pytest
from django.test import Client

from poolfund.programmes.choices import ConceptNoteState
from poolfund.programmes.models import ConceptNote
from tests.allocation.stored import stored_round
from tests.programmes.factories import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(db):
    return stored_round(Cast.create())


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def refused_page(response) -> str:
    assert response.status_code == 200, "a refused form is shown again, not redirected"
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    return page


def message_at_the_field(page: str, field_id: str) -> str:
    summary = page[page.index('data-testid="error-summary"') :]
    assert f'href="#{field_id}"' in summary, "the summary links to the field"
    found = re.search(rf'<span class="usa-error-message" id="{field_id}_error">(.*?)</span>', page)
    assert found, f"no message at {field_id}"
    return found.group(1)


def test_a_policy_with_a_garbled_date_is_shown_at_the_date(round_):
    policy = round_.allocation_round.policy
    response = signed_in(round_.cast.fmu).post(
        f"/allocation/rounds/{round_.allocation_round.pk}/policy/",
        {"money_as_of": "soon", "grant_min_usd": "0", "reserve_usd": "0"},
    )
    page = refused_page(response)
    assert "Enter a valid date" in message_at_the_field(page, "id_money_as_of")
    assert 'value="soon"' in page, "what the person typed is kept"
    assert 'data-error-code="invalid"' in page
    assert 'data-testid="policy-form"' in page
    reserve = policy.reserve_usd
    policy.refresh_from_db()
    assert policy.reserve_usd == reserve


def test_a_decision_without_a_reason_is_shown_at_the_reason_with_the_pins_kept(round_):
    chosen = round_.notes[2]
    response = signed_in(round_.cast.steering).post(
        f"/allocation/rounds/{round_.allocation_round.pk}/decide/",
        {"reason": " ", f"pin-{chosen.reference}": "in"},
    )
    page = refused_page(response)
    assert "Give the reason" in message_at_the_field(page, "id_reason")
    assert 'data-error-code="reason_required"' in page
    row = page.split(f'data-testid="note-{chosen.reference}"')[1].split("</tr>")[0]
    assert '<option value="in" selected>' in row, "the proposal is the one for the pins sent"
    assert not ConceptNote.objects.filter(state=ConceptNoteState.APPROVED).exists()
