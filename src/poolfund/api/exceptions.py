"""One shape for every API error: `{"message", "code", "fields"}`.

Business rules raise `poolfund.errors.DomainError` (400, or 409 for a `Conflict`); refusals are
403 (401 without credentials); a query parameter the view refuses (`RefusedQuery`) is a 400 at
its field; DRF's own errors (validation, not found) keep their status."""

from django.core.exceptions import PermissionDenied
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from poolfund.errors import DomainError
from poolfund.web.query import RefusedQuery


def _flatten(detail) -> str:
    if isinstance(detail, list):
        return " ".join(_flatten(item) for item in detail)
    if isinstance(detail, dict):
        return " ".join(_flatten(item) for item in detail.values())
    return str(detail)


def exception_handler(exc, context) -> Response | None:
    if isinstance(exc, RefusedQuery):
        exc = exceptions.ValidationError(exc.reasons)
    if isinstance(exc, DomainError):
        return Response(
            {"message": exc.message, "code": exc.code, "fields": exc.fields},
            status=exc.http_status,
        )
    if isinstance(exc, PermissionDenied):
        message = str(exc) or "Permission denied."
        return Response(
            {"message": message, "code": "permission_denied", "fields": {}},
            status=status.HTTP_403_FORBIDDEN,
        )
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        fields = {name: _flatten(detail) for name, detail in exc.detail.items()}
        message = "Invalid input: " + "; ".join(f"{name}: {text}" for name, text in fields.items())
        code = "invalid"
    else:
        fields, message = {}, _flatten(exc.detail)
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
    response.data = {"message": message, "code": code, "fields": fields}
    return response
