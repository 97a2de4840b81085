"""Who may record a deposit through the API."""

from itertools import count

from poolfund.accounts.choices import Role
from tests.donors.factories import commitment_for
from tests.matrix import ANONYMOUS, SIGNED_IN, Endpoint, role_matrix

references = count(1)


def open_commitment(user) -> dict:
    return {"commitment": commitment_for(amount="5000.00", reference=f"MATRIX-{next(references)}")}


test_deposit_role_matrix = role_matrix(
    Endpoint(
        "record a deposit",
        "POST",
        "/api/v1/deposits/",
        allowed={Role.FMU},
        api=True,
        setup=open_commitment,
        payload=lambda context: {
            "commitment": context["commitment"].reference,
            "amount": "1000.00",
            "received_on": "2024-03-04",
            "bank_reference": f"BANK-{context['commitment'].reference}",
        },
        success=(201,),
    ),
    Endpoint(
        "list deposits",
        "GET",
        "/api/v1/deposits/",
        allowed=SIGNED_IN | {ANONYMOUS},
        api=True,
    ),
)
