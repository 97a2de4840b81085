from dataclasses import replace

import pytest
from django.db import connection

from poolfund.knowledge.indexer import FTS_TABLE
from poolfund.knowledge.models import KnowledgeDocument
from poolfund.knowledge.search import SearchFilters, search_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(share_practice):
    return {
        "panama": share_practice(
            title="Data on transit migration in the Darién",
            what_was_done="A dashboard of transit flows through the jungle for local planning.",
            countries=["PAN"],
            objectives=[1],
            year=2023,
        ),
        "chile": share_practice(
            title="Jobs for young migrants",
            what_was_done="Vocational training and job placement with local employers in Santiago.",
            countries=["CHL"],
            objectives=[18],
            year=2024,
        ),
        "morocco": share_practice(
            title="Return counselling",
            what_was_done="Returnees receive training, counselling and data on local jobs.",
            countries=["MAR"],
            objectives=[21],
            year=2024,
        ),
    }


def _titles(page):
    return [hit.document.title for hit in page.hits]


def test_search_finds_words_in_any_form_and_highlights_them(practices):
    page = search_documents("planning dashboards")
    assert _titles(page) == ["Data on transit migration in the Darién"]
    assert "<mark>dashboard</mark>" in page.hits[0].snippet


def test_title_matches_rank_above_text_matches(practices):
    page = search_documents("data")
    titles = _titles(page)
    assert titles.index("Data on transit migration in the Darién") < titles.index(
        "Return counselling"
    )
    assert page.hits[0].rank > page.hits[-1].rank


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(country="PAN"), {"Data on transit migration in the Darién"}),
        (
            SearchFilters(region="419"),
            {"Data on transit migration in the Darién", "Jobs for young migrants"},
        ),
        (SearchFilters(region="Africa"), {"Return counselling"}),
        (SearchFilters(objective=18), {"Jobs for young migrants"}),
        (SearchFilters(thematic_area=3), {"Return counselling"}),
        (SearchFilters(year=2023), {"Data on transit migration in the Darién"}),
        (
            SearchFilters(kind="practice", year=2024),
            {"Jobs for young migrants", "Return counselling"},
        ),
    ],
)
def test_search_filters_narrow_the_results(practices, filters, expected):
    practices_only = replace(filters, kind="practice")
    assert set(_titles(search_documents("local", practices_only))) == expected
    assert set(_titles(search_documents("", practices_only))) == expected


def test_every_word_of_the_query_must_match(practices):
    assert _titles(search_documents("training jobs Santiago")) == ["Jobs for young migrants"]
    assert search_documents("training jobs Darién").total == 0


def test_query_syntax_in_user_input_is_harmless(practices):
    for query in ['"unbalanced', "NEAR(data", "data*", "-data", "data:", "title:data"]:
        assert search_documents(query).total >= 0


def test_snippets_escape_the_record_text(share_practice):
    share_practice(title="Scripts", what_was_done="<script>alert(1)</script> outreach workers")
    snippet = search_documents("outreach").hits[0].snippet
    assert "<script>" not in snippet
    assert "<mark>outreach</mark>" in snippet


def test_gcm_objectives_are_searchable_without_any_practice():
    page = search_documents("remittances", SearchFilters(kind="objective"))
    assert _titles(page) == ["GCM objective 20: Remittances"]


def test_deleted_records_leave_the_search(practices, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        practices["chile"].delete()
    assert search_documents("Santiago", SearchFilters(kind="practice")).total == 0
    assert not KnowledgeDocument.objects.filter(kind="practice", key=str(practices["chile"].pk))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only")
def test_fts5_table_holds_one_row_per_document(practices):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
        assert cursor.fetchone()[0] == KnowledgeDocument.objects.count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN index on PostgreSQL only")
def test_postgresql_search_uses_the_gin_index(practices):
    from django.contrib.postgres.search import SearchQuery

    from poolfund.knowledge.search import document_search_vector

    query = SearchQuery("data", config="english")
    matches = KnowledgeDocument.objects.annotate(search=document_search_vector()).filter(
        search=query
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert "knowledge_document_search" in matches.explain()
