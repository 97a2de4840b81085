"""Money has two precisions, each defined once in `poolfund.ledger.models`: USD to the cent, and
an amount in any currency's minor units."""

from django.apps import apps
from django.db import models

from poolfund.donors.api.serializers import DepositInputSerializer, FundSummarySerializer
from poolfund.ledger.models import MONEY_DIGITS, USD_DIGITS
from poolfund.programmes.forms import ConceptNoteForm


def digits(field) -> dict:
    return {"max_digits": field.max_digits, "decimal_places": field.decimal_places}


def decimal_fields() -> list[tuple[str, models.DecimalField]]:
    return [
        (f"{model._meta.label}.{field.name}", field)
        for model in apps.get_models()
        if model.__module__.startswith("poolfund.")
        for field in model._meta.get_fields()
        if isinstance(field, models.DecimalField)
    ]


def test_every_usd_amount_of_the_models_is_held_to_the_cent():
    usd = [
        (name, field)
        for name, field in decimal_fields()
        if (name.endswith("_usd") and not name.endswith("_per_usd")) or name.endswith(".usd_amount")
    ]
    assert len(usd) > 20
    assert {name: digits(field) for name, field in usd} == {name: USD_DIGITS for name, _f in usd}


def test_amounts_in_a_currency_have_room_for_its_minor_units():
    amounts = {
        name: digits(field)
        for name, field in decimal_fields()
        if name.split(".")[0] in ("donors", "ledger") and name.endswith(".amount")
    }
    assert amounts == {
        "donors.CapitalizationTarget.amount": USD_DIGITS,
        "donors.Commitment.amount": MONEY_DIGITS,
        "donors.Deposit.amount": MONEY_DIGITS,
        "donors.Instalment.amount": MONEY_DIGITS,
        "ledger.LedgerEntry.amount": MONEY_DIGITS,
    }


def test_forms_and_the_api_take_money_as_the_models_hold_it():
    assert digits(ConceptNoteForm.base_fields["requested_budget_usd"]) == USD_DIGITS
    assert digits(FundSummarySerializer().fields["deposited_usd"]) == USD_DIGITS
    assert digits(DepositInputSerializer().fields["amount"]) == MONEY_DIGITS
