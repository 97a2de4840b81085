from datetime import date

from django.core.management.base import BaseCommand

from poolfund.inbox.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Remind people of what waits on them: 30 and 7 days before a due date and from the "
        "day after it is missed, once each; announce what opens today (surveys); queue again "
        "the e-mails that failed; send the weekly digest to those who chose it. Safe to run "
        "every hour (cron or the worker): what was sent is never sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, help="The day to remind for (default: today)."
        )

    def handle(self, *args, **options):
        sent = send_reminders(today=options["today"])
        self.stdout.write(
            f"Reminders: {sent.reminders}, announcements: {sent.announced}, "
            f"e-mails queued again: {sent.retried}, digests: {sent.digests}."
        )
