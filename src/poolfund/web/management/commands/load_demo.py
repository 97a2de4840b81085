from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load everything `make run` shows: the GCM framework, countries and regions, and the "
        "Americas data of the Fund's regional brief. Safe to repeat."
    )

    def handle(self, *args, **options):
        call_command("load_framework", "gcm", stdout=self.stdout)
        call_command("load_geo", stdout=self.stdout)
        call_command("index_knowledge", stdout=self.stdout)
