"""The inbox's own message: a reminder of a task's due date (30 and 7 days before, and the day
after it is missed), sent by `poolfund send-reminders`."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from poolfund.inbox.choices import ReminderStage
from poolfund.inbox.registry import MessageKind, register_message_kind

REMINDER_TEXTS = {
    ReminderStage.MONTH_BEFORE: _("%(task_label)s: %(subject)s is due on %(due_on)s, in a month."),
    ReminderStage.WEEK_BEFORE: _(
        "%(task_label)s: %(subject)s is due on %(due_on)s, within a week."
    ),
    ReminderStage.MISSED: _("%(task_label)s: %(subject)s was due on %(due_on)s and waits on you."),
}


def _reminder_subject(values) -> str:
    if values["stage"] == ReminderStage.MISSED:
        return gettext("Overdue: %(subject)s") % values
    return gettext("Reminder: %(subject)s, due on %(due_on)s") % values


REMINDER = register_message_kind(
    MessageKind(
        slug="inbox.reminder",
        label=_("Reminders of due dates"),
        subject=_reminder_subject,
        body=lambda v: str(REMINDER_TEXTS[ReminderStage(v["stage"])]) % v,
    )
)
