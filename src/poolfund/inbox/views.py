"""My work (`/me/`, the home page once signed in), my notifications and my preferences."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.inbox.filtersets import NotificationFilterSet
from poolfund.inbox.forms import PreferencesForm
from poolfund.inbox.models import Notification
from poolfund.inbox.registry import message_kind_named, rendered
from poolfund.inbox.selectors import notifications_of, waiting_for
from poolfund.inbox.services import (
    mark_all_read,
    open_notification,
    preferences_of,
)
from poolfund.web.forms import performed
from poolfund.web.query import checked, given_filters

RECENT_NOTIFICATIONS = 5
NOTIFICATIONS_PER_PAGE = 50


def with_text(notifications) -> list[tuple[Notification, str, str]]:
    """Each notification with its subject and body in the reader's current language."""
    language = get_language()
    return [
        (
            notification,
            *rendered(message_kind_named(notification.kind), notification.params, language),
        )
        for notification in notifications
    ]


@permission_required("inbox.see_own_work")
def my_work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    unread = notifications_of(request.user).filter(read_at__isnull=True)
    groups = waiting_for(request.user, today=today)
    return render(
        request,
        "inbox/my_work.html",
        {
            "groups": groups,
            "inbox_count": sum(group.count for group in groups),  # the navigation's, counted
            "today": today,
            "unread": with_text(unread[:RECENT_NOTIFICATIONS]),
            "unread_count": unread.count(),
        },
    )


@permission_required("inbox.see_own_work")
def notification_list(request: HttpRequest) -> HttpResponse:
    filterset = checked(NotificationFilterSet(request.GET, queryset=notifications_of(request.user)))
    page = Paginator(filterset.qs, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "inbox/notification_list.html",
        {
            "page": page,
            "notifications": with_text(page.object_list),
            "query": urlencode(given_filters(filterset)),
        },
    )


@permission_required("inbox.see_own_work")
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a notification: it is marked read and the reader goes where it points."""
    # Someone else's notification is "not found": its existence is not theirs to know.
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    open_notification(reader=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("inbox:notifications")


@require_POST
@permission_required("inbox.see_own_work")
def notifications_read(request: HttpRequest) -> HttpResponse:
    mark_all_read(reader=request.user)
    return redirect("inbox:notifications")


@permission_required("inbox.see_own_work")
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, preferences=preferences_of(request.user))
    saved = False
    if request.method == "POST" and performed(form, actor=request.user):
        saved = True
    return render(request, "inbox/preferences.html", {"form": form, "saved": saved})
