from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from poolfund.accounts.policy import remember_role_assignments


class RememberRoleAssignmentsMiddleware:
    """A signed-in person's roles are read once per request: the navigation's menus, the
    permission checks and the page's own reads all ask for them, each with its own query
    otherwise (a dozen on a page). What is remembered lives on the request's user only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        remember_role_assignments(request.user)
        return self.get_response(request)
