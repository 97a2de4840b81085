from pathlib import Path

from django.core.management.base import BaseCommand

from poolfund.ops.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write a full backup of the database (every table, gzipped JSON Lines with the "
        "migration state) to FILE; `poolfund restore FILE` reproduces it in an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, type=Path, help="The file to write.")

    def handle(self, *args, output: Path, **options):
        counts = write_backup(output)
        self.stdout.write(
            f"Backed up {sum(counts.values())} rows of {len(counts)} tables to {output}."
        )
