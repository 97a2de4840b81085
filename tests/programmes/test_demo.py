from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from poolfund.accounts.choices import Role
from poolfund.iati.activity_file import programme_activities_xml
from poolfund.ledger import services as ledger
from poolfund.ledger.choices import AccountKind
from poolfund.programmes.demo import (
    DEMO_FMU,
    load_americas_programmes,
    load_illustrative_revisions,
    read_data,
)
from poolfund.programmes.filtersets import JointProgrammeFilterSet
from poolfund.programmes.models import JointProgramme
from poolfund.programmes.selectors import (
    budget_by_thematic_area,
    programmes,
    transferred_by_organisation,
)
from poolfund.programmes.selectors import total_budget as total_of
from tests.accounts.factories import user_with_role
from tests.ledger.conftest import deposit

pytestmark = pytest.mark.django_db


def test_the_sixteen_americas_programmes_total_39_25_million():
    demo = programmes()
    assert demo.count() == 16
    assert total_of(demo) == Decimal("39250000")


def test_the_demo_budgets_by_thematic_area_match_the_brief():
    assert budget_by_thematic_area(programmes()) == {
        1: Decimal("3700000"),
        2: Decimal("14500000"),
        3: Decimal("7300000"),
        4: Decimal("4000000"),
        5: Decimal("9750000"),
    }


def test_what_the_brief_does_not_say_is_marked_not_stated_never_invented():
    for programme in programmes():
        assert {"starts_on", "ends_on", "organisations", "objectives"} <= set(
            programme.not_stated_in_source
        )
        assert programme.starts_on is None and programme.ends_on is None
        assert not programme.budget_lines.exists()
        links = programme.programmeobjective_set.all()
        assert links and all(link.is_suggested for link in links)
        assert any(link.objective.thematic_area_id == programme.thematic_area_id for link in links)


def test_the_brief_description_is_kept_word_for_word():
    brazil = JointProgramme.objects.get(countries__iso3="BRA")
    assert brazil.description.startswith("The Brazilian Amazon experiences significant human")
    assert brazil.description.endswith("and health issues.")


def test_the_caricom_programme_covers_the_thirteen_listed_countries():
    caricom = JointProgrammeFilterSet(
        {"thematic_area": "4", "region": "029"}, queryset=programmes()
    ).qs.get()
    assert caricom.regional_bodies.get().acronym == "CARICOM"
    assert caricom.countries.count() == 13
    assert caricom.budget_usd == Decimal("2500000")


def test_a_regional_body_programme_counts_for_its_member_countries():
    # The Bahamas are in CARICOM, not listed by the brief.
    bahamas = JointProgrammeFilterSet({"country": "BHS"}, queryset=programmes()).qs
    assert [programme.regional_bodies.get().acronym for programme in bahamas] == ["CARICOM"]


def test_loading_the_demo_twice_changes_nothing():
    before = list(programmes().values_list("code", "budget_usd"))
    load_americas_programmes()
    assert list(programmes().values_list("code", "budget_usd")) == before


@pytest.fixture
def demo_fmu():
    """The demo's FMU login, and the unearmarked money the demo's contributions would hold."""
    fmu = user_with_role(Role.FMU)
    fmu.username = DEMO_FMU
    fmu.save()
    donor = ledger.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, "test-donor", "Test donor")
    deposit(ledger.fund_pool(), donor, "5000000", on=date(2022, 1, 10))
    return fmu


def test_the_demo_shows_one_illustrative_revision_and_extension_marked_as_invented(demo_fmu):
    assert "Invented for the demo" in read_data("illustrative_revisions.json")["illustrative"]
    load_illustrative_revisions(lambda line: None)
    load_illustrative_revisions(lambda line: None)
    programme = JointProgramme.objects.get(code="AMR-06")
    assert programme.budget_revisions.count() == 1
    assert programme.extensions.get().new_end.isoformat() == "2027-06-30"
    assert "illustrative" in programme.source
    final = programme.scheduled_reports.filter(kind="final-financial").first()
    assert final is not None and final.period_end == programme.ends_on
    shares = {line.organisation.acronym: line.total_usd for line in programme.budget_lines.all()}
    assert sum(shares.values()) == programme.budget_usd


def test_the_illustrative_programme_s_money_is_in_the_ledger_and_its_iati_activity(demo_fmu):
    load_illustrative_revisions(lambda line: None)
    load_illustrative_revisions(lambda line: None)
    programme = JointProgramme.objects.get(code="AMR-06")
    data = read_data("illustrative_revisions.json")
    transferred = sum(Decimal(t["amount_usd"]) for t in data["transfers"])
    spent = sum(Decimal(e["amount_usd"]) for e in data["expenditure"])
    assert sum(transferred_by_organisation(programme).values()) == transferred
    (activity,) = etree.fromstring(
        programme_activities_xml(JointProgramme.objects.filter(pk=programme.pk))
    )

    def total(transaction_type: str) -> Decimal:
        path = f"transaction[transaction-type/@code='{transaction_type}']/value/text()"
        return sum((Decimal(value) for value in activity.xpath(path)), Decimal(0))

    assert total("3") == total("1") == transferred
    assert total("4") == spent


def test_loading_the_brief_again_keeps_the_illustrative_dates_it_was_given(demo_fmu):
    load_illustrative_revisions(lambda line: None)
    load_americas_programmes()
    programme = JointProgramme.objects.get(code="AMR-06")
    assert programme.starts_on is not None and "starts_on" not in programme.not_stated_in_source
    assert "illustrative" in programme.source
