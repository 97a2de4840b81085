"""E-mails of notifications, in each reader's language, through Django's e-mail framework
(the console in development, SMTP set by the `EMAIL_*` variables in production).

Run by the worker, never in a request. A failure is logged and counted on the notification,
which stays in the person's inbox; `poolfund send-reminders` queues it again until it has been
tried `MAX_EMAIL_ATTEMPTS` times.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext

from poolfund.inbox.choices import Delivery
from poolfund.inbox.models import MessagePreferences, Notification
from poolfund.inbox.registry import message_kind_named, rendered

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 5


def language_of(user) -> str:
    preferences = MessagePreferences.objects.filter(user=user).first()
    return preferences.language if preferences else settings.LANGUAGE_CODE


def absolute(url: str) -> str:
    return settings.POOLFUND_SITE_URL.rstrip("/") + url if url.startswith("/") else url


def message_of(notification: Notification, language: str) -> tuple[str, str]:
    """(subject, body) of a notification in a language, with its link."""
    subject, body = rendered(message_kind_named(notification.kind), notification.params, language)
    if notification.url:
        body = f"{body}\n\n{absolute(notification.url)}"
    return subject, body


def send(to: str, subject: str, body: str) -> None:
    EmailMessage(subject=f"PoolFund: {subject}", body=body, to=[to]).send()


def record_failure(notification_ids: list[int], error: Exception) -> None:
    Notification.objects.filter(pk__in=notification_ids).update(
        email_attempts=F("email_attempts") + 1, email_error=f"{type(error).__name__}: {error}"
    )


@transaction.atomic
def deliver_notification(notification_id: int) -> dict:
    """Send one notification's e-mail unless it has been sent already (a retry queued while
    the first try ran, or a job run twice); the row is locked while it is sent."""
    notification = (
        Notification.objects.select_for_update(of=("self",))
        .select_related("recipient")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.emailed_at is not None:
        return {"sent": False, "reason": "already sent or deleted"}
    address = notification.recipient.email
    if not address:
        return {"sent": False, "reason": "no e-mail address"}
    subject, body = message_of(notification, language_of(notification.recipient))
    try:
        send(address, subject, body)
    except Exception as error:  # any failure of the mail server or the network
        logger.warning(
            "E-mail of notification %s to %s failed (attempt %s): %s",
            notification.pk,
            address,
            notification.email_attempts + 1,
            error,
        )
        record_failure([notification.pk], error)
        return {"sent": False, "reason": str(error)}
    Notification.objects.filter(pk=notification.pk).update(
        emailed_at=timezone.now(), email_attempts=F("email_attempts") + 1, email_error=""
    )
    return {"sent": True, "to": address}


def unsent_to_retry() -> list[int]:
    """Notifications whose e-mail failed and may be tried again."""
    return list(
        Notification.objects.filter(
            delivery=Delivery.NOW,
            emailed_at__isnull=True,
            email_attempts__gt=0,
            email_attempts__lt=MAX_EMAIL_ATTEMPTS,
        ).values_list("pk", flat=True)
    )


def send_digest(user, notifications: list[Notification], waiting: list, now: datetime) -> bool:
    """One e-mail with the notifications a person chose to read weekly and a summary of what
    waits on them; False (logged, retried next run) when the mail server fails."""
    language = language_of(user)
    with translation.override(language):
        lines = [gettext("What happened this week:")] if notifications else []
        for notification in notifications:
            subject, _body = message_of(notification, language)
            lines.append(f"- {subject} {absolute(notification.url)}".rstrip())
        if waiting:
            lines.append("")
            lines.append(gettext("What waits on you:"))
            lines.extend(f"- {kind.label}: {count}" for kind, count in waiting)
        lines.extend(["", absolute("/me/")])
        subject = gettext("Your weekly digest")
    try:
        send(user.email, subject, "\n".join(lines))
    except Exception as error:  # any failure of the mail server or the network
        logger.warning("Weekly digest to %s failed: %s", user.email, error)
        return False
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(digested_at=now)
    MessagePreferences.objects.filter(user=user).update(last_digest_at=now)
    return True
