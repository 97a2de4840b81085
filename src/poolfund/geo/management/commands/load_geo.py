from django.core.management.base import BaseCommand, CommandError

from poolfund.geo.services import UnknownCountry, load_countries, load_regional_bodies


class Command(BaseCommand):
    help = (
        "Load ISO 3166 countries with their UN M49 regions, and the regional bodies "
        "(CARICOM, RCM, SACM). Safe to repeat."
    )

    def handle(self, *args, **options):
        countries = load_countries()
        try:
            bodies = load_regional_bodies()
        except UnknownCountry as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{countries} countries and territories, {bodies} regional bodies.")
