"""The FMU sets the IATI identifier the export gives an organisation; bad ones are refused."""

import pytest
from lxml import etree

from poolfund.audit.models import AuditEvent
from poolfund.iati.activity_file import programme_activities_xml
from poolfund.iati.identifiers import InvalidIdentifier, identifier_of, set_iati_identifier
from poolfund.programmes.choices import PartnerKind
from poolfund.programmes.models import NationalPartner, ParticipatingOrganisation
from tests.donors.factories import DonorFactory
from tests.iati.test_export_money import activity_xml, two_donor_pool
from tests.programmes.test_transfers import send

pytestmark = pytest.mark.django_db


def implementing_refs() -> dict[str, str]:
    (activity,) = etree.fromstring(programme_activities_xml())
    return {
        org.findtext("narrative"): org.get("ref", "")
        for org in activity.xpath("participating-org[@role='4']")
    }


def test_an_identifier_the_fmu_sets_is_the_one_exported(cast, full_programme):
    unicef = ParticipatingOrganisation.objects.get(acronym="UNICEF")
    assert implementing_refs()[unicef.name] == "XM-DAC-41122"
    set_iati_identifier(actor=cast.fmu, organisation=unicef, identifier="XI-IATI-UNICEF1")
    assert implementing_refs()[unicef.name] == "XI-IATI-UNICEF1"
    assert AuditEvent.objects.filter(reason="IATI identifier set").exists()
    set_iati_identifier(actor=cast.fmu, organisation=unicef, identifier="")
    assert identifier_of(ParticipatingOrganisation.objects.get(pk=unicef.pk)) == "XM-DAC-41122"


def test_a_national_partner_is_implementing_with_its_identifier(cast, full_programme):
    partner = NationalPartner.objects.create(name="Ministry of Labour", kind=PartnerKind.GOVERNMENT)
    full_programme.concept_note.national_partners.add(partner)
    set_iati_identifier(actor=cast.fmu, organisation=partner, identifier="XM-DAC-1-2")
    assert implementing_refs()["Ministry of Labour"] == "XM-DAC-1-2"


@pytest.mark.parametrize("bad", ["47066", "NOT-AN-AGENCY-1", "XM-DAC-", "XM-DAC-1/2", "XM DAC 1"])
def test_an_identifier_without_a_registration_agency_is_refused(cast, bad):
    iom = ParticipatingOrganisation.objects.get(acronym="IOM")
    with pytest.raises(InvalidIdentifier) as error:
        set_iati_identifier(actor=cast.fmu, organisation=iom, identifier=bad)
    assert "identifier" in error.value.fields


def test_the_page_shows_the_error_at_the_field(client, cast):
    iom = ParticipatingOrganisation.objects.get(acronym="IOM")
    client.force_login(cast.fmu)
    response = client.post(f"/iati/organisations/participating/{iom.pk}/", {"identifier": "bad"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "registration agency" in page
    assert 'data-testid="error-summary"' in page
    field = f"identifier-input-participating-{iom.pk}-identifier"
    assert f'href="#{field}"' in page
    assert f'<span class="usa-error-message" id="{field}_error">' in page
    assert 'data-error-code="invalid_iati_identifier"' in page
    assert 'name="identifier" value="bad"' in page
    api = client.patch(
        f"/api/v1/iati-organisations/participating/{iom.pk}/",
        {"identifier": "bad"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json()["fields"]["identifier"]


def test_a_donor_whose_money_reached_the_programme_is_its_funder_with_its_identifier(
    client, cast, full_programme
):
    donor = DonorFactory(name="Donor A", slug="donor-a")
    DonorFactory(name="Donor B", slug="donor-b")
    send(cast, full_programme, "100000", pool=two_donor_pool(), acronym="UNICEF")
    set_iati_identifier(actor=cast.fmu, organisation=donor, identifier="XM-DAC-7")
    activity = activity_xml(full_programme)
    funders = {
        org.findtext("narrative"): org.get("ref", "")
        for org in activity.xpath("participating-org[@role='1']")
    }
    assert funders["Donor A"] == "XM-DAC-7" and funders["Donor B"] == ""
    providers = activity.xpath("transaction/provider-org[narrative='Donor A']/@ref")
    assert providers and set(providers) == {"XM-DAC-7"}
    client.force_login(cast.fmu)
    page = client.get("/iati/organisations/").content.decode()
    assert f'id="identifier-donor-{donor.pk}"' in page and "<code>XM-DAC-7</code>" in page
