"""IATI organisation identifiers: the ones PoolFund knows for the UN organisations (a data file
with its sources), the ones the FMU sets (for those, national partners and donors), and the
check that an identifier is well formed.

No donor identifier is shipped: the codelist identifies a State's ministries and agencies, and
which of them signed a contribution is on the agreement, which the FMU holds."""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.donors.models import Donor
from poolfund.errors import DomainError
from poolfund.iati.codelists import codelist
from poolfund.iati.models import OrganisationIdentifier
from poolfund.programmes.models import NationalPartner, ParticipatingOrganisation

Organisation = ParticipatingOrganisation | NationalPartner | Donor
# The Rulesets' pattern for identifiers: none of / & | ? (IATI-Rulesets standard.json).
FORBIDDEN_IN_IDENTIFIERS = re.compile(r"[/&|?\s]")


class InvalidIdentifier(DomainError):
    code = "invalid_iati_identifier"


@dataclass(frozen=True)
class KnownIdentifier:
    identifier: str
    source: str


@cache
def _data_file() -> dict:
    data = resources.files("poolfund.iati") / "data" / "un_organisation_identifiers.json"
    return json.loads(data.read_text("utf-8"))


def known_identifiers() -> dict[str, KnownIdentifier]:
    """The UN organisations' identifiers PoolFund ships, by acronym, each with its source."""
    data = _data_file()
    return {
        acronym: KnownIdentifier(entry["identifier"], data["sources"][entry["source"]])
        for acronym, entry in data["identifiers"].items()
    }


def identifier_of(organisation: Organisation) -> str:
    """The identifier the FMU set, else the one PoolFund knows, else "" (named only)."""
    return identified(kind_of(organisation), organisation).identifier


def identifier_problem(identifier: str) -> str:
    """Why `identifier` is not an IATI organisation identifier, or "" when it is one: a
    registration agency of the OrganisationRegistrationAgency codelist, a hyphen and a code."""
    if FORBIDDEN_IN_IDENTIFIERS.search(identifier):
        return _("An identifier has no spaces and none of / & | ?.")
    agencies = codelist("OrganisationRegistrationAgency")
    if not any(
        identifier.startswith(f"{agency}-") and len(identifier) > len(agency) + 1
        for agency in agencies
    ):
        return _(
            "An identifier starts with a registration agency of the IATI "
            "OrganisationRegistrationAgency codelist and a hyphen, e.g. XM-DAC-41114."
        )
    return ""


KIND_LABELS = {
    "participating": _lazy("Participating UN organisation"),
    "partner": _lazy("National partner"),
    "donor": _lazy("Donor"),
}
KINDS = {"participating": ParticipatingOrganisation, "partner": NationalPartner, "donor": Donor}
# The field of OrganisationIdentifier that names an organisation of each kind.
OWNER_FIELDS = {"participating": "organisation", "partner": "partner", "donor": "donor"}


def kind_of(organisation: Organisation) -> str:
    return next(kind for kind, model in KINDS.items() if isinstance(organisation, model))


@dataclass(frozen=True)
class IdentifiedOrganisation:
    """An organisation with the identifier the export uses for it and where it comes from."""

    kind: str  # a key of KINDS
    organisation: Organisation
    identifier: str
    source: str

    @property
    def pk(self) -> int:
        return self.organisation.pk

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def identified(kind: str, organisation: Organisation) -> IdentifiedOrganisation:
    known = known_identifiers().get(getattr(organisation, "acronym", ""))
    try:
        set_by_fmu = organisation.iati_identifier.identifier
    except OrganisationIdentifier.DoesNotExist:
        set_by_fmu = ""
    if set_by_fmu:
        return IdentifiedOrganisation(kind, organisation, set_by_fmu, _("set by the FMU"))
    if known:
        return IdentifiedOrganisation(kind, organisation, known.identifier, known.source)
    return IdentifiedOrganisation(kind, organisation, "", "")


def identified_organisations() -> list[IdentifiedOrganisation]:
    """Every participating UN organisation, then every national partner, then every donor."""
    return [
        identified(kind, each)
        for kind, model in KINDS.items()
        for each in model.objects.select_related("iati_identifier").order_by("name")
    ]


@transaction.atomic
def set_iati_identifier(*, actor, organisation: Organisation, identifier: str) -> str:
    """Set (or, with an empty identifier, clear) the identifier the export uses for an
    organisation. Returns the identifier the export uses afterwards."""
    require(actor, "iati.set_organisation_identifier", organisation)
    identifier = identifier.strip()
    if identifier and (problem := identifier_problem(identifier)):
        raise InvalidIdentifier(problem, fields={"identifier": problem})
    owner = {OWNER_FIELDS[kind_of(organisation)]: organisation}
    found = OrganisationIdentifier.objects.select_for_update().filter(**owner).first()
    before = snapshot(found) if found else None
    if not identifier:
        if found is not None:
            record_event(
                actor=actor,
                action=AuditAction.DELETE,
                instance=found,
                before=before,
                reason="IATI identifier cleared",
            )
            found.delete()
    else:
        found = found or OrganisationIdentifier(**owner)
        found.identifier = identifier
        found.save()
        record_event(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            instance=found,
            before=before,
            reason="IATI identifier set",
        )
    if hasattr(organisation, "_state"):
        organisation._state.fields_cache.pop("iati_identifier", None)
    return identifier_of(organisation)
