"""What `poolfund send-reminders` does, each step safe to repeat: due-date reminders told once
per stage, announcements of what the calendar brings, failed e-mails tried again, and the weekly
digest to those who chose it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from poolfund.accounts.models import RoleAssignment
from poolfund.inbox.choices import Delivery, ReminderStage
from poolfund.inbox.mail import send_digest, unsent_to_retry
from poolfund.inbox.models import MessagePreferences, Notification
from poolfund.inbox.notifications import REMINDER
from poolfund.inbox.registry import Task, registered_announcements
from poolfund.inbox.selectors import waiting_for
from poolfund.inbox.services import SEND_EMAIL_JOB, notify
from poolfund.jobs import enqueue

MONTH_BEFORE_DAYS = 30
WEEK_BEFORE_DAYS = 7
DIGEST_EVERY = timedelta(days=7)


def stage_on(due_on: date, today: date) -> ReminderStage | None:
    """The reminder a due date calls for today: from 30 days before, from 7 days before, and
    from the day after it is missed. A task that appears late gets only the stages left."""
    days_left = (due_on - today).days
    if days_left < 0:
        return ReminderStage.MISSED
    if days_left <= WEEK_BEFORE_DAYS:
        return ReminderStage.WEEK_BEFORE
    if days_left <= MONTH_BEFORE_DAYS:
        return ReminderStage.MONTH_BEFORE
    return None


def remind(user, task: Task, stage: ReminderStage) -> bool:
    told = notify(
        REMINDER.slug,
        recipients=[user],
        key=f"{task.kind}:{task.key}:{task.due_on.isoformat()}:{stage.value}",
        params={
            "task_kind": task.kind,
            "subject": task.subject,
            "due_on": task.due_on.isoformat(),
            "stage": stage.value,
        },
        url=task.url,
    )
    return bool(told)


def people_with_roles(today: date):
    holders = RoleAssignment.objects.active_on(today).values("user_id")
    return get_user_model().objects.filter(is_active=True, pk__in=holders).order_by("pk")


@dataclass
class Sent:
    reminders: int = 0
    announced: int = 0
    retried: int = 0
    digests: int = 0


def send_due_reminders(today: date) -> int:
    sent = 0
    for user in people_with_roles(today):
        for group in waiting_for(user, today=today, limit=None):
            for task in group.tasks:
                stage = task.due_on and stage_on(task.due_on, today)
                if stage and remind(user, task, stage):
                    sent += 1
    return sent


def retry_failed_emails() -> int:
    failed = unsent_to_retry()
    for notification_id in failed:
        enqueue(SEND_EMAIL_JOB, notification_id=notification_id)
    return len(failed)


def send_weekly_digests(now: datetime, today: date) -> int:
    """A digest to each person who chose one for some kind of message, once a week."""
    sent = 0
    last_week = now - DIGEST_EVERY
    for preferences in MessagePreferences.objects.select_related("user").filter(
        user__is_active=True
    ):
        due = preferences.last_digest_at is None or preferences.last_digest_at <= last_week
        if not (preferences.wants_digest and due and preferences.user.email):
            continue
        user = preferences.user
        notifications = list(
            Notification.objects.filter(
                recipient=user, delivery=Delivery.DIGEST, digested_at__isnull=True
            ).order_by("created_at")
        )
        waiting = [(group.kind, group.count) for group in waiting_for(user, today=today, limit=1)]
        if (notifications or waiting) and send_digest(user, notifications, waiting, now):
            sent += 1
    return sent


def send_reminders(*, today: date | None = None, now: datetime | None = None) -> Sent:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    sent = Sent()
    for announce in registered_announcements().values():
        sent.announced += announce(today)
    sent.reminders = send_due_reminders(today)
    sent.retried = retry_failed_emails()
    sent.digests = send_weekly_digests(now, today)
    return sent
