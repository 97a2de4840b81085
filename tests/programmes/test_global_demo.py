"""`generate-demo --global`: illustrative programmes, marked so, in every region the Fund works
in, each region's brief rendering in English and Spanish with figures from the records."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from poolfund.donors.models import Deposit
from poolfund.geo.selectors import countries_in_region, region_by_name_or_code
from poolfund.programmes.global_demo import ILLUSTRATIVE_PREFIX, illustrative_regions
from poolfund.programmes.models import JointProgramme
from poolfund.reports.rendering import render_brief_html
from poolfund.reports.selectors import regional_brief

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 12, 31)
FUND_REGIONS = {
    "Africa",
    "Asia and the Pacific",
    "Europe and Central Asia",
    "Middle East and North Africa",
    "The Americas",
}


@pytest.fixture
def global_demo():
    call_command("generate_demo", "--global", verbosity=0)


def test_every_region_of_the_fund_gets_illustrative_programmes_marked_so(global_demo):
    assert {region["fund_region"] for region in illustrative_regions()} == FUND_REGIONS
    illustrative = JointProgramme.objects.filter(code__startswith=ILLUSTRATIVE_PREFIX)
    assert illustrative.count() == sum(len(r["programmes"]) for r in illustrative_regions())
    for programme in illustrative:
        assert programme.title.endswith("(illustrative)")
        assert "not a Joint Programme of the Fund" in programme.source
        assert not programme.is_stated("budget_usd")
        assert sum(line.total_usd for line in programme.budget_lines.all()) == programme.budget_usd


def test_loading_the_global_demo_twice_adds_nothing(global_demo):
    before = JointProgramme.objects.count()
    call_command("generate_demo", "--global", verbosity=0)
    assert JointProgramme.objects.count() == before


@pytest.mark.parametrize("entry", illustrative_regions(), ids=lambda entry: entry["brief_region"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_each_regions_brief_renders_with_figures_from_the_records(global_demo, entry, language):
    region = region_by_name_or_code(entry["brief_region"])
    brief = regional_brief(region=region, as_of=AS_OF)
    countries = countries_in_region(region)
    in_region = JointProgramme.objects.filter(countries__in=countries).distinct()
    assert {p.code for p in brief.portfolio.programmes} >= {p["code"] for p in entry["programmes"]}
    assert brief.portfolio.total_usd == sum(
        (p.budget_usd for p in in_region if p.code in {b.code for b in brief.portfolio.programmes}),
        Decimal(0),
    )
    posted = sum(
        (d.usd_amount for d in Deposit.objects.filter(ledger_transaction__reversal__isnull=True)),
        Decimal(0),
    )
    assert brief.capitalization.deposited_usd == posted
    page = render_brief_html(brief, language=language)
    for item in entry["programmes"]:
        assert JointProgramme.objects.get(code=item["code"]).description in page
