"""IATI organisation identifiers: the ones PoolFund knows for the UN organisations (a data file
with its sources), the ones the FMU sets, and the check that an identifier is well formed."""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext as _

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import DomainError
from poolfund.iati.codelists import codelist
from poolfund.iati.models import OrganisationIdentifier
from poolfund.programmes.models import NationalPartner, ParticipatingOrganisation

Organisation = ParticipatingOrganisation | NationalPartner
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
    try:
        return organisation.iati_identifier.identifier
    except OrganisationIdentifier.DoesNotExist:
        pass
    if isinstance(organisation, ParticipatingOrganisation):
        known = known_identifiers().get(organisation.acronym)
        return known.identifier if known else ""
    return ""


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


@transaction.atomic
def set_iati_identifier(*, actor, organisation: Organisation, identifier: str) -> str:
    """Set (or, with an empty identifier, clear) the identifier the export uses for an
    organisation. Returns the identifier the export uses afterwards."""
    require(actor, "iati.set_organisation_identifier", organisation)
    identifier = identifier.strip()
    if identifier and (problem := identifier_problem(identifier)):
        raise InvalidIdentifier(problem, fields={"identifier": problem})
    owner = (
        {"organisation": organisation}
        if isinstance(organisation, ParticipatingOrganisation)
        else {"partner": organisation}
    )
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
