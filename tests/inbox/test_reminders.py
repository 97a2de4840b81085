"""`poolfund send-reminders`: 30 and 7 days before a due date and the day after it is missed,
once each however often it runs; the weekly digest once a week to those who chose it."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from poolfund.inbox.choices import Delivery, ReminderStage
from poolfund.inbox.models import Notification
from poolfund.inbox.reminders import send_reminders, stage_on
from poolfund.inbox.services import set_message_preferences
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.models import JointProgramme
from tests.programmes.factories import Cast, note_in

pytestmark = pytest.mark.django_db

DUE = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (DUE - timedelta(31), None),
        (DUE - timedelta(30), ReminderStage.MONTH_BEFORE),
        (DUE - timedelta(8), ReminderStage.MONTH_BEFORE),
        (DUE - timedelta(7), ReminderStage.WEEK_BEFORE),
        (DUE, ReminderStage.WEEK_BEFORE),
        (DUE + timedelta(1), ReminderStage.MISSED),
    ],
)
def test_the_stage_of_a_reminder_follows_the_days_left(today, stage):
    assert stage_on(DUE, today) == stage


@pytest.fixture
def transfer_due():
    """A programme whose first transfers are due on DUE, and the FMU they wait on."""
    cast = Cast.create()
    note = note_in(State.JOINT_PROGRAMME, cast)
    JointProgramme.objects.filter(concept_note=note).update(starts_on=DUE)
    return cast.fmu


def reminders_to(user) -> list[str]:
    return sorted(
        notification.params["stage"]
        for notification in Notification.objects.filter(recipient=user, kind="inbox.reminder")
        if notification.params["due_on"] == DUE.isoformat()
    )


def test_each_reminder_is_sent_once_however_often_the_command_runs(transfer_due):
    fmu = transfer_due
    for today in (DUE - timedelta(40), DUE - timedelta(30), DUE - timedelta(29)):
        send_reminders(today=today)
        send_reminders(today=today)
    assert reminders_to(fmu) == ["30-days", "30-days"]  # IOM and UNICEF are each owed one
    for today in (DUE - timedelta(7), DUE, DUE + timedelta(1), DUE + timedelta(2)):
        send_reminders(today=today)
        send_reminders(today=today)
    assert reminders_to(fmu) == ["30-days"] * 2 + ["7-days"] * 2 + ["missed"] * 2


def test_the_command_run_twice_sends_each_reminder_once(transfer_due, capsys):
    today = (DUE - timedelta(7)).isoformat()
    call_command("send_reminders", "--today", today)
    first = Notification.objects.count()
    call_command("send_reminders", "--today", today)
    assert Notification.objects.count() == first
    assert "Reminders: 0," in capsys.readouterr().out.splitlines()[-1]


def test_the_weekly_digest_goes_once_a_week_to_those_who_chose_it(transfer_due):
    fmu = transfer_due
    fmu.email = "fmu@example.org"
    fmu.save()
    set_message_preferences(
        actor=fmu, language="en", deliveries={"inbox.reminder": Delivery.DIGEST}
    )
    now = timezone.now()
    send_reminders(today=DUE + timedelta(1), now=now)
    [digest] = [message for message in mail.outbox if "weekly digest" in message.subject]
    assert "Overdue:" in digest.body and "Transfers to make: " in digest.body
    send_reminders(today=DUE + timedelta(1), now=now + timedelta(days=6))
    assert sum("weekly digest" in message.subject for message in mail.outbox) == 1
    send_reminders(today=DUE + timedelta(1), now=now + timedelta(days=7))
    assert sum("weekly digest" in message.subject for message in mail.outbox) == 2
    undigested = Notification.objects.filter(recipient=fmu, digested_at__isnull=True)
    assert not undigested.filter(delivery=Delivery.DIGEST).exists()
