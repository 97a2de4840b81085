from django.core.management import call_command
from django.core.management.base import BaseCommand

from poolfund.accounts.demo import load_demo_accounts
from poolfund.allocation.demo import load_demo_round
from poolfund.programmes.demo import (
    load_americas_programmes,
    load_illustrative_revisions,
    load_reference_data,
)
from poolfund.reporting.demo import load_demo_reporting


class Command(BaseCommand):
    help = (
        "Load everything `make run` shows: the GCM framework, countries and regions, and the "
        "Americas data of the Fund's regional brief, the donors and contributions as of August "
        "2024 (posted to the ledger), and (only with DEBUG on) one demo login "
        "per role, an allocation round with concept notes in the pipeline and illustrative results "
        "frameworks and reports in each state for six of the brief's programmes. Safe to repeat."
    )

    def handle(self, *args, **options):
        call_command("load_framework", "gcm", stdout=self.stdout)
        call_command("load_geo", stdout=self.stdout)
        load_reference_data()
        loaded = load_americas_programmes()
        if options["verbosity"]:
            self.stdout.write(f"Loaded {loaded} Joint Programmes of the Americas.")
        call_command("load_rates", "--from-ecb", "--since", "2024-01-01", stdout=self.stdout)
        call_command("load_demo_contributions", stdout=self.stdout)
        load_demo_accounts(self.stdout.write)
        load_demo_round(self.stdout.write)
        load_demo_reporting(self.stdout.write)
        load_illustrative_revisions(self.stdout.write)
        call_command("load_champions", stdout=self.stdout)
        call_command("index_knowledge", stdout=self.stdout)
