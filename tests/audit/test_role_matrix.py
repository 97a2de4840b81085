"""Only the Fund Management Unit reads the audit trail."""

from poolfund.accounts.choices import Role
from tests.accounts.factories import ApiTokenFactory, recorded_api_token
from tests.matrix import Endpoint, role_matrix

test_audit_role_matrix = role_matrix(
    Endpoint(
        "see a record's history",
        "GET",
        lambda context: f"/history/accounts.apitoken/{context['token'].pk}/",
        allowed={Role.FMU},
        setup=lambda user: {"token": recorded_api_token()},
    ),
    Endpoint(
        "read the audit trail in the API",
        "GET",
        "/api/v1/audit/events/?app=accounts&model=apitoken",
        allowed={Role.FMU},
        api=True,
        setup=lambda user: {"token": ApiTokenFactory()},
    ),
)
