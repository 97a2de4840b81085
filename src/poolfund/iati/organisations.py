"""The organisations the Fund's IATI files name: the publisher (the reporting organisation),
the Fund itself, and the UN organisations, national partners and donors of its programmes."""

from django.conf import settings

from poolfund.donors.choices import DonorType
from poolfund.iati.activity import Org
from poolfund.iati.codelists import code
from poolfund.iati.funding import Source
from poolfund.iati.identifiers import identifier_of
from poolfund.programmes.choices import PartnerKind

DONOR_ORGANISATION_TYPES = {
    DonorType.MEMBER_STATE: "Government",
    DonorType.FOUNDATION: "Foundation",
    DonorType.NGO: "International NGO",
    DonorType.PRIVATE_SECTOR: "Private Sector",
    DonorType.OTHER: "Other",
}
PARTNER_ORGANISATION_TYPES = {
    PartnerKind.GOVERNMENT: "Government",
    PartnerKind.LOCAL_AUTHORITY: "Local Government",
    PartnerKind.REGIONAL_COMMUNITY: "Multilateral",
    PartnerKind.MIGRANT_DIASPORA: "National NGO",
    PartnerKind.CIVIL_SOCIETY: "National NGO",
    PartnerKind.OTHER: "Other",
}


def reporting_org() -> Org:
    return Org(
        name=settings.IATI_REPORTING_ORG_NAME,
        ref=settings.IATI_REPORTING_ORG_REF,
        org_type=settings.IATI_REPORTING_ORG_TYPE,
    )


def fund_org(role: str = "") -> Org:
    return Org(
        name=settings.IATI_FUND_NAME,
        ref=organisation_identifier(),
        org_type=code("OrganisationType", "Multilateral"),
        role=role,
    )


def organisation_identifier() -> str:
    return f"{settings.IATI_REPORTING_ORG_REF}-{settings.IATI_FUND_CODE}"


def un_organisation(organisation, role: str = "") -> Org:
    return Org(
        name=organisation.name,
        ref=identifier_of(organisation),
        org_type=code("OrganisationType", "Multilateral"),
        role=role,
    )


def national_partner(partner, role: str = "") -> Org:
    return Org(
        name=partner.name,
        ref=identifier_of(partner),
        org_type=code("OrganisationType", PARTNER_ORGANISATION_TYPES[partner.kind]),
        role=role,
    )


def donor_org(source: Source) -> Org:
    """The provider of a donor's share of a transfer: the donor, or the ledger account's name
    for money recorded without a donor record."""
    donor = source.donor
    if donor is None:
        return Org(name=source.account.name)
    return Org(
        name=donor.name,
        ref=identifier_of(donor),
        org_type=code("OrganisationType", DONOR_ORGANISATION_TYPES[donor.donor_type]),
    )
