"""The API's writes validated by a page's form are described by that form's own fields."""

import pytest
from rest_framework.test import APIClient

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.forms import TRANSITION_FORMS, ConceptNoteForm, TransferForm
from tests.programmes.factories import note_in, organisation
from tests.programmes.test_transfers import pool_with

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def components(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        schema = Client().get("/api/schema/?format=json").json()
    return schema["components"]["schemas"]


def properties(components: dict, name: str) -> set[str]:
    return set(components[name]["properties"])


def test_the_concept_note_and_transfer_writes_name_their_forms_fields(components):
    assert properties(components, "ConceptNoteInput") == set(ConceptNoteForm.base_fields)
    assert properties(components, "TransferInput") == set(TransferForm.base_fields)
    assert properties(components, "TransferCreated") == {
        "programme",
        "organisation",
        "ledger_transaction",
        "transferred_usd",
    }
    assert components["TransferInput"]["properties"]["amount_usd"]["format"] == "decimal"


def test_each_concept_note_action_s_form_is_one_of_the_transition_s_bodies(components):
    bodies = [
        ref["$ref"].rsplit("/", 1)[1] for ref in components["ConceptNoteTransitionInput"]["oneOf"]
    ]
    described = [properties(components, body) for body in bodies]
    for form_class, _service in TRANSITION_FORMS.values():
        assert set(form_class.base_fields) in described


def test_the_transfer_answer_is_what_its_schema_says(cast, components):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    api = APIClient()
    api.force_authenticate(cast.fmu)
    fields = {
        "organisation": organisation("UNICEF").pk,
        "pool": pool_with("1000000").pk,
        "occurred_on": "2025-03-01",
        "amount_usd": "1000.00",
    }
    answer = api.post(f"/api/v1/programmes/{programme.code}/transfers/", fields, format="json")
    assert answer.status_code == 201
    assert set(answer.json()) == properties(components, "TransferCreated")
    assert answer.json()["transferred_usd"] == "1000.00"
