import getpass
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from poolfund.accounts.choices import Role
from poolfund.accounts.services import create_user_with_role
from poolfund.donors.models import Donor
from poolfund.errors import DomainError
from poolfund.geo.models import Country
from poolfund.programmes.models import ParticipatingOrganisation

ACTOR_LABEL = "cli: createuser"


class Command(BaseCommand):
    help = (
        "Create a person who signs in, with one role (dated and scoped if given). "
        "The Fund Management Unit also gets access to the Django admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--country", help="ISO alpha-3 code (government focal points)")
        parser.add_argument("--donor", help="the donor's slug, e.g. mexico (donor focal points)")
        parser.add_argument(
            "--organisation", help="acronym, e.g. IOM (participating UN organisation focal points)"
        )
        parser.add_argument("--constituency", default="", help="e.g. 'donor representative'")
        parser.add_argument("--starts-on", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--ends-on", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--reason", default="", help="Why; kept in the audit trail")
        parser.add_argument("--password", help="Prompted for when not given")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        country = None
        if options["country"]:
            country = Country.objects.filter(iso3=options["country"].upper()).first()
            if country is None:
                raise CommandError(f"No country with the ISO code {options['country']!r}.")
        donor = None
        if options["donor"]:
            donor = Donor.objects.filter(slug=options["donor"]).first()
            if donor is None:
                raise CommandError(f"No donor with the slug {options['donor']!r}.")
        organisation = None
        if options["organisation"]:
            organisation = ParticipatingOrganisation.objects.filter(
                acronym__iexact=options["organisation"]
            ).first()
            if organisation is None:
                raise CommandError(f"No participating organisation {options['organisation']!r}.")
        password = options["password"] or self._ask_password(options["interactive"])
        role = Role(options["role"])
        try:
            user = create_user_with_role(
                actor=None,
                actor_label=ACTOR_LABEL,
                username=options["username"],
                password=password,
                email=options["email"],
                role=role,
                country=country,
                donor=donor,
                organisation=organisation,
                constituency=options["constituency"],
                starts_on=options["starts_on"],
                ends_on=options["ends_on"],
                reason=options["reason"],
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Created {user.username} ({role.label}).")

    def _ask_password(self, interactive: bool) -> str:
        if not interactive:
            raise CommandError("Give --password, or run without --noinput to be asked.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
