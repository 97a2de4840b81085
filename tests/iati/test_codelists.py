import pytest

from poolfund.iati.codelists import CODELIST_DIR, codelist, shipped_codelists
from poolfund.iati.reader import SCHEMA_DIR


def test_shipped_codelists_are_unchanged_copies_of_the_official_ones(shared_iati):
    assert len(shipped_codelists()) >= 15
    for name in shipped_codelists():
        official = shared_iati / "codelists" / f"{name}.xml"
        assert (CODELIST_DIR / f"{name}.xml").read_bytes() == official.read_bytes(), name
        assert len(codelist(name)) > 0


def test_shipped_schemas_are_unchanged_copies_of_the_official_2_03_xsd(shared_iati):
    for name in [
        "iati-activities-schema.xsd",
        "iati-organisations-schema.xsd",
        "iati-common.xsd",
        "xml.xsd",
    ]:
        assert (SCHEMA_DIR / name).read_bytes() == (
            shared_iati / "schemas-2.03" / name
        ).read_bytes()


def test_codes_are_looked_up_by_code_and_by_name():
    sectors = codelist("Sector")
    assert "15190" in sectors
    assert sectors.name_of("15190").startswith("Facilitation of orderly, safe, regular")
    assert codelist("TransactionType").code_named("disbursement") == "3"
    assert codelist("OrganisationRole").name_of("4") == "Implementing"
    assert "ZZ" not in codelist("Country")


def test_codelists_carry_their_version():
    assert codelist("TransactionType").embedded
    assert "IATI/IATI-Codelists@75e827b" in codelist("TransactionType").version
    assert "NonEmbedded@b70e4a5" in codelist("Sector").version
    assert codelist("Sector").version.startswith("2.03")


def test_an_unshipped_codelist_is_refused_by_name():
    with pytest.raises(LookupError, match="TiedStatus"):
        codelist("TiedStatus")
