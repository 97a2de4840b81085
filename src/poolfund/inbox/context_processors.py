from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from poolfund.inbox.selectors import count_waiting, unread_count


def inbox(request: HttpRequest) -> dict:
    """`inbox_count` (tasks waiting) and `unread_notifications` for the navigation of a
    signed-in person, computed only if the page shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "inbox_count": SimpleLazyObject(lambda: count_waiting(user)),
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user)),
    }
