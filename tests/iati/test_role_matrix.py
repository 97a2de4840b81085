"""Who may see and set the IATI organisation identifiers the export uses."""

from poolfund.accounts.choices import Role
from poolfund.programmes.models import ParticipatingOrganisation
from tests.matrix import Endpoint, role_matrix


def iom(user) -> dict:
    return {"pk": ParticipatingOrganisation.objects.get(acronym="IOM").pk}


IDENTIFIER = {"identifier": "XM-DAC-47066-MATRIX"}

test_iati_role_matrix = role_matrix(
    Endpoint(
        "IATI organisation identifiers page", "GET", "/iati/organisations/", allowed={Role.FMU}
    ),
    Endpoint(
        "set an organisation's IATI identifier (page)",
        "POST",
        lambda context: f"/iati/organisations/participating/{context['pk']}/",
        allowed={Role.FMU},
        setup=iom,
        payload=IDENTIFIER,
    ),
    Endpoint(
        "list IATI organisation identifiers",
        "GET",
        "/api/v1/iati-organisations/",
        allowed={Role.FMU},
        api=True,
    ),
    Endpoint(
        "an organisation's IATI identifier",
        "GET",
        lambda context: f"/api/v1/iati-organisations/participating/{context['pk']}/",
        allowed={Role.FMU},
        api=True,
        setup=iom,
    ),
    Endpoint(
        "set an organisation's IATI identifier",
        "PATCH",
        lambda context: f"/api/v1/iati-organisations/participating/{context['pk']}/",
        allowed={Role.FMU},
        api=True,
        setup=iom,
        payload=IDENTIFIER,
    ),
)
