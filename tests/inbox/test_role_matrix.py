"""Anyone signed in has their own work, notifications and preferences; visitors sign in."""

from poolfund.inbox.registry import registered_message_kinds
from poolfund.inbox.services import notify
from tests.matrix import SIGNED_IN, Endpoint, public, role_matrix

public("the framework, the home page of visitors", "framework/")

PREFERENCES = {
    "language": "es",
    **{kind.slug: "digest" for kind in registered_message_kinds()},
}


def a_notification_for(user) -> dict:
    if user is None:
        return {"pk": 0}
    [notification] = notify(
        "inbox.reminder",
        recipients=[user],
        params={"stage": "missed", "subject": "X", "task_kind": "x", "due_on": "2026-01-01"},
        url="/me/",
    )
    return {"pk": notification.pk}


test_inbox_role_matrix = role_matrix(
    Endpoint("see my work", "GET", "/me/", allowed=SIGNED_IN),
    Endpoint("see my notifications", "GET", "/me/notifications/", allowed=SIGNED_IN),
    Endpoint(
        "open my notification",
        "GET",
        lambda context: f"/me/notifications/{context['pk']}/",
        allowed=SIGNED_IN,
        success=(302,),
        setup=a_notification_for,
    ),
    Endpoint(
        "mark my notifications read",
        "POST",
        "/me/notifications/read/",
        allowed=SIGNED_IN,
        success=(302,),
        setup=a_notification_for,
    ),
    Endpoint("see how I am told", "GET", "/me/preferences/", allowed=SIGNED_IN),
    Endpoint(
        "choose how I am told", "POST", "/me/preferences/", allowed=SIGNED_IN, payload=PREFERENCES
    ),
    Endpoint("read my tasks in the API", "GET", "/api/v1/me/tasks/", allowed=SIGNED_IN, api=True),
    Endpoint(
        "read my notifications in the API",
        "GET",
        "/api/v1/me/notifications/",
        allowed=SIGNED_IN,
        api=True,
    ),
)
