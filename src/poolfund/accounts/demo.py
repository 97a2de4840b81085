"""Demo logins, one per role, for `make run`. Never on a production site: with DEBUG off,
none are created. Loaded after the demo donors: the donor focal point speaks for Mexico."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.accounts.models import User
from poolfund.accounts.services import assign_role, create_user_with_role
from poolfund.donors.models import Donor
from poolfund.geo.models import Country
from poolfund.programmes.models import ParticipatingOrganisation

DEMO_PASSWORD = "poolfund-demo"
ACTOR_LABEL = "system: load-demo"


def _demo_scopes(role: Role) -> dict:
    this_year = timezone.localdate().year
    if role == Role.STEERING_COMMITTEE:
        return {
            "constituency": "donor representative",
            "starts_on": date(this_year, 1, 1),
            "ends_on": date(this_year + 1, 12, 31),
        }
    if role == Role.GOVERNMENT_FOCAL_POINT:
        return {"country": Country.objects.get(iso3="MEX")}
    if role == Role.DONOR_FOCAL_POINT:
        return {"donor": Donor.objects.get(country__iso3="MEX")}
    if role == Role.ORGANISATION_FOCAL_POINT:
        return {"organisation": ParticipatingOrganisation.objects.get(acronym="IOM")}
    return {}


def load_demo_accounts(write) -> None:
    """Create `demo-<role>` with the demo password for each role (once), and print them. A demo
    login made before its scope existed (the donor focal point once had no donor) is given its
    role with its scope."""
    if not settings.DEBUG:
        write("Demo accounts refused: DEBUG is off, and demo passwords never go on a real site.")
        return
    write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for role in Role:
        username = f"demo-{role.value}"
        scope = _demo_scopes(role)
        user = User.objects.filter(username=username).first()
        if user is None:
            create_user_with_role(
                actor=None,
                actor_label=ACTOR_LABEL,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                **scope,
            )
        elif not user.role_assignments.filter(role=role, **scope).exists():
            assign_role(actor=None, actor_label=ACTOR_LABEL, user=user, role=role, **scope)
        write(f"  {username:32} {role.label}")
