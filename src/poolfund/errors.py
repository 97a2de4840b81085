"""The one family of errors that business rules raise, with a stable code and a message a
person can act on. Views and the API render them the same way."""


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str, *, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
