from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from poolfund.donors.rates import import_rates, read_rates_csv
from poolfund.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import currency rates from a CSV file with the header currency,date,units_per_usd "
        "(units of the currency one USD buys that day). All rows or none are written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV file")
        parser.add_argument(
            "--source", default="", help="where the rates come from (default: file)"
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            rows = read_rates_csv(path.read_text(encoding="utf-8-sig"))
            written = import_rates(actor=None, rows=rows, source=options["source"] or path.name)
        except (OSError, DomainError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Currency rates: {written} added or changed from {path}.")
