from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the background-job worker: takes queued jobs (brief generation, IATI import, ...) "
        "from the database queue and runs them, until stopped. Run one or more per deployment; "
        "--batch runs what is queued, then exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls of an empty queue."
        )

    def handle(self, *args, batch: bool, interval: float, **options):
        call_command(
            "db_worker",
            queue_name="*",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=not batch,
            verbosity=options["verbosity"],
            stdout=self.stdout,
        )
