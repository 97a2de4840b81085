"""Writes of the inbox: notifications told to people, read marks, and preferences.

`notify(...)` is called by an app's service inside the transaction of the change it tells of:
the notifications are written with the change, and their e-mails are queued for the worker
(`poolfund.jobs.enqueue`), which only sees them once the change has committed. A failing mail
server therefore never blocks the change nor loses the notification.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import DomainError
from poolfund.inbox.choices import Delivery
from poolfund.inbox.models import MessagePreferences, Notification
from poolfund.inbox.registry import message_kind_named, registered_message_kinds
from poolfund.jobs import enqueue

SEND_EMAIL_JOB = "inbox.send-email"


class InvalidPreferences(DomainError):
    code = "invalid_preferences"


def preferences_by_user(user_ids: Iterable[int]) -> dict[int, MessagePreferences]:
    return MessagePreferences.objects.in_bulk(list(user_ids), field_name="user_id")


def notify(
    kind: str,
    *,
    params: Mapping[str, Any],
    url: str = "",
    about: Any = None,
    recipients: Iterable | None = None,
    actor=None,
    key: str = "",
) -> list[Notification]:
    """Tell the people concerned (`recipients`, or the kind's recipients of `about`) that
    something happened, except the person who did it. With a `key`, each person is told once
    whatever the number of calls (reminders). Returns the notifications written."""
    message_kind = message_kind_named(kind)
    if recipients is None:
        recipients = message_kind.recipients(about) if message_kind.recipients else []
    people = {person.pk: person for person in recipients if person.is_active}
    if actor is not None:
        people.pop(actor.pk, None)
    preferences = preferences_by_user(people)
    if key:
        already = set(
            Notification.objects.filter(kind=kind, key=key, recipient__in=people).values_list(
                "recipient_id", flat=True
            )
        )
        people = {pk: person for pk, person in people.items() if pk not in already}
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind=kind,
            key=key,
            params=dict(params),
            url=url,
            delivery=(preferences[pk].delivery_of(kind) if pk in preferences else Delivery.NOW),
        )
        for pk, person in people.items()
    )
    for notification in notifications:
        if notification.delivery == Delivery.NOW and notification.recipient.email:
            enqueue(SEND_EMAIL_JOB, notification_id=notification.pk)
    return notifications


def open_notification(*, reader, notification: Notification) -> Notification:
    """Mark a person's own notification read (the first time it is opened). A read mark is
    the reader's bookkeeping, not a change to the Fund's records, so it is not audited (and
    does not make every visitor's page be computed again)."""
    if notification.recipient_id != reader.pk:
        raise PermissionError("A notification is opened only by the person it was sent to.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, reader) -> int:
    return Notification.objects.filter(recipient=reader, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_of(user) -> MessagePreferences:
    """The person's preferences, unsaved defaults (every kind e-mailed at once) if they never
    chose."""
    existing = MessagePreferences.objects.filter(user=user).first()
    return existing or MessagePreferences(user=user, language=settings.LANGUAGE_CODE)


@transaction.atomic
def set_message_preferences(
    *, actor, language: str, deliveries: Mapping[str, str]
) -> MessagePreferences:
    """The signed-in person chooses the language of their messages and, per kind, e-mail
    now, in the weekly digest, or never."""
    if language not in dict(settings.LANGUAGES):
        raise InvalidPreferences(
            gettext("Messages are written in %(languages)s, not %(language)r.")
            % {"languages": ", ".join(dict(settings.LANGUAGES)), "language": language},
            fields={"language": language},
        )
    known = {kind.slug for kind in registered_message_kinds()}
    unknown = sorted(set(deliveries) - known)
    if unknown:
        raise InvalidPreferences(
            gettext("No such kind of message: %(kinds)s.") % {"kinds": ", ".join(unknown)}
        )
    for kind, delivery in deliveries.items():
        if delivery not in Delivery.values:
            raise InvalidPreferences(
                gettext("Choose %(deliveries)s for %(kind)s, not %(delivery)r.")
                % {"deliveries": ", ".join(Delivery.values), "kind": kind, "delivery": delivery},
                fields={kind: delivery},
            )
    preferences, created = MessagePreferences.objects.select_for_update().get_or_create(
        user=actor, defaults={"language": language}
    )
    before = None if created else snapshot(preferences)
    preferences.language = language
    preferences.deliveries = dict(deliveries)
    preferences.save()
    record_event(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        instance=preferences,
        before=before,
        reason="message preferences",
    )
    return preferences
