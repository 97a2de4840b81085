"""Every kind of notification reaches the people concerned, in their language, by e-mail sent
from the worker after the change has committed; a failing mail server loses nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from poolfund.accounts.choices import Role
from poolfund.champions.services.surveys import create_survey
from poolfund.donors import services as donors
from poolfund.inbox import mail as inbox_mail
from poolfund.inbox.choices import Delivery, ReminderStage
from poolfund.inbox.mail import deliver_notification
from poolfund.inbox.models import MessagePreferences, Notification
from poolfund.inbox.registry import Task, registered_message_kinds
from poolfund.inbox.reminders import remind, retry_failed_emails
from poolfund.inbox.services import notify, set_message_preferences
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.financial_reports import submit_financial_report
from poolfund.programmes.models import JointProgramme
from poolfund.programmes.services.transitions import (
    reject_concept_note,
    return_concept_note,
    submit_concept_note,
)
from poolfund.reporting import services as reporting
from poolfund.reporting.choices import ReportKind
from tests.accounts.factories import UserFactory, user_with_role
from tests.donors.factories import DonorFactory, commitment_for
from tests.programmes.factories import Cast, note_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return Cast.create()


def reading_in(user, language: str):
    user.email = f"{user.username}@example.org"
    user.save()
    MessagePreferences.objects.update_or_create(user=user, defaults={"language": language})
    return user


def note_submitted(cast, language):
    reading_in(cast.fmu, language)
    submit_concept_note(actor=cast.organisation, note=note_in(State.DRAFT, cast))
    return cast.fmu


def note_returned(cast, language):
    reading_in(cast.organisation, language)
    note = note_in(State.SUBMITTED, cast)
    return_concept_note(actor=cast.fmu, note=note, reason="Budget unclear")
    return cast.organisation


def note_decided(cast, language):
    reading_in(cast.government, language)
    note = note_in(State.UNDER_REVIEW, cast)
    reject_concept_note(actor=cast.steering, note=note, reason="Out of scope")
    return cast.government


def deposit_recorded(cast, language):
    donor = DonorFactory()
    focal_point = reading_in(user_with_role(Role.DONOR_FOCAL_POINT, donor=donor), language)
    donors.record_deposit(
        actor=None,
        commitment=commitment_for(donor, amount="250000.00"),
        amount=Decimal("12500.50"),
        received_on=date(2024, 3, 4),
        bank_reference="BANK-INBOX-1",
    )
    return focal_point


def iom_report_submitted(cast):
    programme = JointProgramme.objects.get(concept_note=note_in(State.JOINT_PROGRAMME, cast))
    report = programme.scheduled_reports.filter(
        kind=ReportKind.ANNUAL_FINANCIAL, organisation__acronym="IOM"
    ).earliest("due_on")
    submit_financial_report(actor=cast.organisation, report=report, amounts={})
    return report


def report_returned(cast, language):
    reading_in(cast.organisation, language)
    report = iom_report_submitted(cast)
    reporting.return_report(actor=cast.fmu, report=report, comment="Add the bank statement")
    return cast.organisation


def report_accepted(cast, language):
    reading_in(cast.organisation, language)
    reporting.accept_report(actor=cast.fmu, report=iom_report_submitted(cast))
    return cast.organisation


def survey_opened(cast, language):
    reading_in(cast.government, language)
    today = timezone.localdate()
    create_survey(
        actor=cast.fmu,
        title="Priority topics 2026",
        opens_on=today,
        closes_on=today + timedelta(30),
    )
    return cast.government


def reminder(cast, language):
    reading_in(cast.fmu, language)
    task = Task(
        kind="programmes.transfer",
        key="JP-1:IOM",
        action="",
        subject="JP-1 Safe routes",
        url="/programmes/JP-1/",
        due_on=date(2026, 3, 3),
    )
    remind(cast.fmu, task, ReminderStage.WEEK_BEFORE)
    return cast.fmu


EVENTS = {
    "programmes.note-submitted": (
        note_submitted,
        {"en": "submitted for screening", "es": "presentada para el examen"},
    ),
    "programmes.note-returned": (
        note_returned,
        {"en": "Reason: Budget unclear", "es": "Motivo: Budget unclear"},
    ),
    "programmes.note-decided": (note_decided, {"en": "Rejected", "es": "Rechazada"}),
    "donors.deposit-recorded": (
        deposit_recorded,
        {"en": "USD\xa012,500.50", "es": "12.500,50\xa0USD"},
    ),
    "reporting.report-returned": (
        report_returned,
        {"en": "Annual financial report IOM, to 31 December 2025", "es": "Informe devuelto"},
    ),
    "reporting.report-accepted": (
        report_accepted,
        {"en": "Report accepted: JP-", "es": "31 diciembre 2025"},
    ),
    "champions.survey-opened": (survey_opened, {"en": "Survey open", "es": "Encuesta abierta"}),
    "inbox.reminder": (
        reminder,
        {"en": "due on 3 March 2026, within a week", "es": "vence el 3 marzo 2026"},
    ),
}


def test_every_kind_of_message_is_tested():
    assert {kind.slug for kind in registered_message_kinds()} == set(EVENTS)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_each_kind_of_message_is_e_mailed_in_the_readers_language(cast, kind, language):
    make, expected = EVENTS[kind]
    reader = make(cast, language)
    notification = Notification.objects.get(recipient=reader, kind=kind)
    assert mail.outbox == [], "e-mail is sent by the worker, never in the change"
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__notification_id=notification.pk)
    assert deliver_notification(notification.pk)["sent"]
    [message] = mail.outbox
    assert message.to == [reader.email]
    assert expected[language] in message.subject + message.body
    assert notification.url in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_the_person_who_acts_is_not_told_of_their_own_change(cast):
    fmu = reading_in(cast.fmu, "en")
    note = note_in(State.SUBMITTED, cast)
    return_concept_note(actor=fmu, note=note, reason="Budget unclear")
    assert not Notification.objects.filter(recipient=fmu, kind="programmes.note-returned")
    assert Notification.objects.filter(recipient=cast.organisation, kind="programmes.note-returned")


def test_a_note_returned_is_told_to_its_proponents_and_nobody_else(cast):
    note = note_in(State.SUBMITTED, cast)
    return_concept_note(actor=cast.fmu, note=note, reason="Budget unclear")
    told = set(
        Notification.objects.filter(kind="programmes.note-returned").values_list(
            "recipient", flat=True
        )
    )
    assert told == {cast.organisation.pk, cast.government.pk}


def test_a_kind_chosen_for_the_digest_or_never_is_kept_but_not_e_mailed_at_once(cast):
    fmu = reading_in(cast.fmu, "en")
    set_message_preferences(
        actor=fmu, language="en", deliveries={"programmes.note-submitted": Delivery.DIGEST}
    )
    queued = DBTaskResult.objects.count()
    submit_concept_note(actor=cast.organisation, note=note_in(State.DRAFT, cast))
    notification = Notification.objects.get(recipient=fmu)
    assert notification.delivery == Delivery.DIGEST
    assert DBTaskResult.objects.count() == queued


def test_a_change_rolled_back_leaves_no_notification(cast):
    note = note_in(State.SUBMITTED, cast)
    with pytest.raises(Exception, match="reason"):
        return_concept_note(actor=cast.fmu, note=note, reason=" ")
    assert not Notification.objects.filter(kind="programmes.note-returned")


def test_a_reminder_with_the_same_key_is_told_once():
    user = UserFactory()
    for _ in range(2):
        notify("inbox.reminder", recipients=[user], key="k", params={"stage": "7-days"})
    assert Notification.objects.filter(recipient=user).count() == 1


def failing_send(*args, **kwargs):
    raise ConnectionRefusedError("the mail server is down")


def test_a_failing_mail_server_keeps_the_notification_and_it_is_tried_again(
    cast, monkeypatch, caplog
):
    reader = note_submitted(cast, "en")
    notification = Notification.objects.get(recipient=reader)
    monkeypatch.setattr(inbox_mail, "send", failing_send)
    assert deliver_notification(notification.pk) == {
        "sent": False,
        "reason": "the mail server is down",
    }
    assert "the mail server is down" in caplog.text
    notification.refresh_from_db()
    assert (notification.emailed_at, notification.email_attempts) == (None, 1)
    assert "ConnectionRefusedError" in notification.email_error
    assert retry_failed_emails() == 1
    monkeypatch.undo()
    assert deliver_notification(notification.pk)["sent"]
    assert not deliver_notification(notification.pk)["sent"], "sent once"
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_e_mail_once_the_change_has_committed():
    """Through the real queue: the job waits until the worker runs it."""
    reader = UserFactory(email="fmu@example.org")
    notify(
        "inbox.reminder",
        recipients=[reader],
        params={
            "stage": "missed",
            "subject": "X",
            "task_kind": "programmes.transfer",
            "due_on": "2026-01-01",
        },
    )
    assert mail.outbox == []
    call_command("worker", batch=True, verbosity=0)
    [message] = mail.outbox
    assert message.to == ["fmu@example.org"] and "Overdue" in message.subject
