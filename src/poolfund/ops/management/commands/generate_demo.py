import sys
from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand
from tqdm import tqdm

from poolfund.ops.scale import CURRENCIES, generate_donors, generate_programmes
from poolfund.programmes.global_demo import load_illustrative_programmes


class Command(BaseCommand):
    help = (
        "Generate a large, realistic dataset for load tests and benchmarks (run `poolfund "
        "load-demo` first): DONORS donors, each with about one commitment a year over YEARS "
        "years and its deposits in several currencies, then PROGRAMMES Joint Programmes "
        "(countries, thematic area, objectives, participating organisations with their budget "
        "lines, statuses) with their transfers. Money moves only through the ledger's services "
        "(balanced postings, audited); other records are written in bulk. Adds to what is "
        "there; the same --seed gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--donors", type=int, default=None, help="default 500, or none with --global alone"
        )
        parser.add_argument("--programmes", type=int, default=0)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument(
            "--global",
            dest="whole_fund",
            action="store_true",
            help="add illustrative Joint Programmes (clearly marked so) in every region the Fund "
            "works in: Africa, Asia and the Pacific, Europe and Central Asia, Middle East and "
            "North Africa, the Americas",
        )

    def handle(
        self,
        *args,
        donors: int | None,
        programmes: int,
        years: int,
        seed: int,
        whole_fund,
        **options,
    ):
        today = date.today()
        if whole_fund:
            made = load_illustrative_programmes()
            self.stdout.write(
                f"Added {made} illustrative Joint Programmes in the Fund's five regions."
            )
        if donors is None:
            donors = 0 if whole_fund else 500
        since = date(today.year - years + 1, 1, 1)
        if donors:
            currencies = ",".join(sorted(set(CURRENCIES) - {"USD"}))
            call_command(
                "load_rates", "--from-ecb", "--since", since.isoformat(),
                "--currencies", currencies, stdout=self.stdout,
            )  # fmt: skip
            made = generate_donors(
                donors=donors, years=years, seed=seed, today=today, say=self.stdout.write
            )
            self.stdout.write(
                f"Generated {made['donors']} donors, {made['commitments']} commitments and "
                f"{made['deposits']} deposits over {years} years."
            )
        if programmes:
            with tqdm(
                total=programmes, unit="programme", desc="Joint Programmes", file=sys.stderr
            ) as bar:
                made = generate_programmes(
                    programmes=programmes, years=years, seed=seed, today=today,
                    progress=bar.update,
                )  # fmt: skip
            self.stdout.write(
                f"Generated {made['programmes']} Joint Programmes and {made['transfers']} "
                "transfers through the ledger."
            )
