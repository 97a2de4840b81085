from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from poolfund.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `poolfund backup` into an empty database that "
        "`poolfund migrate` has brought to the backup's migration state. All or nothing: "
        "refuses a database holding records, a migration mismatch or a damaged file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file.")

    def handle(self, *args, file: Path, **options):
        try:
            counts = restore_backup(file)
        except BackupError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Restored {sum(counts.values())} rows of {len(counts)} tables from {file}."
        )
