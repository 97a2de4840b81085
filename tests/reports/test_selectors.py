from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from poolfund.framework.selectors import default_framework
from poolfund.geo.models import Country, Region
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.reports.selectors import (
    budget_by_region,
    funded_programmes,
    localized_region_name,
    pipeline_by_state,
    portfolio,
    portfolio_figures,
)
from tests.programmes.factories import Cast, note_in

pytestmark = pytest.mark.django_db


def americas_portfolio(as_of):
    region = Region.objects.get(m49_code="419")
    return portfolio(
        framework=default_framework(),
        as_of=as_of,
        countries=Country.objects.filter(sub_region=region),
    )


def area_row(found, number):
    return next(row for row in found.areas if row.area.number == number)


def test_concept_notes_count_once_published_in_the_pipeline():
    cast = Cast.create()
    note_in(State.IN_PIPELINE, cast)  # Mexico, thematic area 2
    note_in(State.SUBMITTED, cast)
    found = americas_portfolio(timezone.localdate())
    assert area_row(found, 2).concept_notes == 1
    assert sum(row.concept_notes for row in found.areas) == 1


def test_a_programme_approved_after_the_day_is_not_yet_in_the_portfolio():
    note_in(State.JOINT_PROGRAMME, Cast.create())
    today = timezone.localdate()
    assert americas_portfolio(today).count == 17
    assert americas_portfolio(today - timedelta(days=1)).count == 16


def test_demo_portfolio_splits_by_area_as_the_brief_does():
    found = americas_portfolio(timezone.localdate())
    assert [(row.area.number, row.programmes, row.budget_usd) for row in found.areas] == [
        (1, 1, 3_700_000),
        (2, 5, 14_500_000),
        (3, 3, 7_300_000),
        (4, 2, 4_000_000),
        (5, 5, 9_750_000),
    ]


def test_every_demo_programme_counts_in_latin_america_and_the_caribbean():
    found = funded_programmes(framework=default_framework(), as_of=timezone.localdate())
    [(region, total, count)] = budget_by_region(found)
    assert (region.m49_code, total, count) == ("419", 39_250_000, 16)


def test_the_fund_figures_grouped_in_the_database_match_the_programmes_loaded_one_by_one():
    Cast.create()
    framework, today = default_framework(), timezone.localdate()
    loaded = portfolio(framework=framework, as_of=today)
    figures = portfolio_figures(framework=framework, as_of=today)
    assert (figures.count, figures.total_usd, figures.balance) == (
        loaded.count,
        loaded.total_usd,
        loaded.balance,
    )
    links = [link for jp in loaded.programmes for link in jp.programmeobjective_set.all()]
    addressing = Counter(link.objective.number for link in links)
    suggested = Counter(link.objective.number for link in links if link.is_suggested)
    assert [(o.number, n, s) for o, n, s in figures.by_objective] == [
        (number, addressing[number], suggested[number]) for number in range(1, 24)
    ]
    assert sum(count for _region, _total, count in figures.by_region) == loaded.count


def test_pipeline_lists_every_state_even_empty_ones():
    from poolfund.programmes.models import ConceptNote

    states = pipeline_by_state(ConceptNote.objects.none())
    assert len(states) == len(State) and all(count == 0 for _s, _l, count in states)


def test_region_names_come_from_un_m49_in_english_and_cldr_elsewhere():
    region = Region.objects.get(m49_code="419")
    assert localized_region_name(region, "en") == "Latin America and the Caribbean"
    assert localized_region_name(region, "es") == "Latinoamérica"
