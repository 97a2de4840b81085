from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand

from poolfund.ops.scale import CURRENCIES, generate_donors


class Command(BaseCommand):
    help = (
        "Generate a large, realistic dataset for load tests and benchmarks through the real "
        "services (ledger postings and audit events included): DONORS donors, each with about "
        "one commitment a year over YEARS years and its deposits in several currencies. Run "
        "`poolfund load-demo` first. Adds to what is there; the same --seed gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--donors", type=int, default=500)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2018)

    def handle(self, *args, donors: int, years: int, seed: int, **options):
        today = date.today()
        since = date(today.year - years + 1, 1, 1)
        currencies = ",".join(sorted(set(CURRENCIES) - {"USD"}))
        call_command(
            "load_rates", "--from-ecb", "--since", since.isoformat(), "--currencies", currencies,
            stdout=self.stdout,
        )  # fmt: skip
        made = generate_donors(
            donors=donors, years=years, seed=seed, today=today, say=self.stdout.write
        )
        self.stdout.write(
            f"Generated {made['donors']} donors, {made['commitments']} commitments and "
            f"{made['deposits']} deposits over {years} years."
        )
