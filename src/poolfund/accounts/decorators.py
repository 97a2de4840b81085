from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login

from poolfund.accounts.policy import require


def permission_required(permission_name: str) -> Callable:
    """Pages guarded by a policy permission: visitors are sent to sign in, signed-in people
    without the permission get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require(request.user, permission_name)
            return view(request, *args, **kwargs)

        return guarded

    return decorator
