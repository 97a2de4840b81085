"""Every API error has one shape: {"message", "code", "fields"}."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework import serializers
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from poolfund.errors import Conflict, DomainError


class OverBudget(DomainError):
    code = "over_budget"


class Amount(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=20, decimal_places=2)


class Raising(APIView):
    permission_classes = []
    error: Exception | None = None

    def post(self, request):
        if self.error is not None:
            raise self.error
        Amount(data=request.data).is_valid(raise_exception=True)


def answer(error: Exception | None = None, data: dict | None = None):
    request = APIRequestFactory().post("/", data or {}, format="json")
    response = Raising.as_view(error=error)(request)
    response.render()
    return response


@pytest.mark.parametrize(
    ("error", "status", "body"),
    [
        (
            OverBudget("The transfer exceeds the balance.", fields={"amount": "Too much."}),
            400,
            {
                "message": "The transfer exceeds the balance.",
                "code": "over_budget",
                "fields": {"amount": "Too much."},
            },
        ),
        (
            Conflict("The allocation was already approved."),
            409,
            {"message": "The allocation was already approved.", "code": "conflict", "fields": {}},
        ),
        (
            PermissionDenied("You do not have the right to approve."),
            403,
            {
                "message": "You do not have the right to approve.",
                "code": "permission_denied",
                "fields": {},
            },
        ),
    ],
)
def test_domain_errors_and_refusals_are_rendered_as_json(error, status, body):
    response = answer(error)
    assert response.status_code == status
    assert response.data == body


def test_invalid_input_names_the_fields():
    response = answer(data={"amount": "lots"})
    assert response.status_code == 400
    assert response.data["code"] == "invalid"
    assert response.data["fields"] == {"amount": "A valid number is required."}
