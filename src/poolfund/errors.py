"""The one family of errors that business rules raise, with a stable code and a message a
person can act on. Views and the API render them the same way."""


class DomainError(Exception):
    code = "domain_error"
    http_status = 400

    def __init__(self, message: str, *, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class Conflict(DomainError):
    """The request is well formed but clashes with the record's current state."""

    code = "conflict"
    http_status = 409
