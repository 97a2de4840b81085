from django.core.management.base import BaseCommand

from poolfund.donors.demo import load_demo_contributions
from poolfund.donors.selectors import fund_summary


class Command(BaseCommand):
    help = (
        "Load the demo's 22 donors as of August 2024, their commitments and deposits (posted "
        "to the ledger), and the Fund's capitalization targets. Safe to repeat."
    )

    def handle(self, *args, **options):
        added = load_demo_contributions()
        summary = fund_summary()
        self.stdout.write(
            f"Contributions: {added} deposits added; USD {summary.deposited_usd:,} deposited "
            f"by {summary.donor_count} donors."
        )
