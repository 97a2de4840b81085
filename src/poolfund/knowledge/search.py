"""Full-text search over knowledge documents behind one interface: PostgreSQL's text search
(a GIN expression index on the weighted title and text) on PostgreSQL, FTS5 on SQLite.
Both rank (title words weigh more), highlight with <mark>, and apply the same filters."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from poolfund.geo.models import Country
from poolfund.geo.selectors import countries_in_region, covering_any_of, region_by_name_or_code
from poolfund.knowledge.indexer import FTS_TABLE, uses_fts5
from poolfund.knowledge.models import KnowledgeDocument

SEARCH_CONFIG = "english"
START_MARK, STOP_MARK = "\x02", "\x03"
SNIPPET_WORDS = 30
FACETS = ("countries", "objectives")


def document_search_vector() -> SearchVector:
    """The expression searched on PostgreSQL; migration 0002 builds its GIN index from it."""
    return SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "text", weight="B", config=SEARCH_CONFIG
    )


@dataclass(frozen=True)
class SearchFilters:
    country: str = ""
    """ISO 3166 alpha-3 code."""
    region: str = ""
    """UN M49 code or region name."""
    objective: int | None = None
    thematic_area: int | None = None
    kind: str = ""
    year: int | None = None


@dataclass(frozen=True)
class SearchHit:
    document: KnowledgeDocument
    rank: float
    snippet: SafeString


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    total: int


def filtered_documents(filters: SearchFilters) -> QuerySet[KnowledgeDocument]:
    documents = KnowledgeDocument.objects.all()
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.year:
        documents = documents.filter(year=filters.year)
    if filters.country:
        documents = documents.filter(countries__iso3=filters.country.upper())
    if filters.objective:
        documents = documents.filter(objectives__number=filters.objective)
    if filters.thematic_area:
        documents = documents.filter(thematic_areas__number=filters.thematic_area)
    if filters.region:
        region = region_by_name_or_code(filters.region)
        in_region = countries_in_region(region) if region else Country.objects.none()
        documents = documents.filter(
            id__in=KnowledgeDocument.objects.filter(covering_any_of(in_region)).values("id")
        )
    return documents


def _highlighted(marked_text: str) -> SafeString:
    html = escape(marked_text).replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
    return mark_safe(html)  # escaped above: only our marks are HTML


def _fts5_query(query: str) -> str:
    """Every word of the query, each quoted so that FTS5 syntax in user input is inert."""
    return " ".join(f'"{word}"' for word in re.findall(r"\w+", query))


def _search_postgresql(documents: QuerySet, query: str, limit: int, offset: int) -> SearchPage:
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    vector = document_search_vector()
    matches = documents.annotate(search=vector).filter(search=search_query)
    ranked = (
        matches.annotate(
            rank=SearchRank(vector, search_query),
            snippet=SearchHeadline(
                "text",
                search_query,
                config=SEARCH_CONFIG,
                start_sel=START_MARK,
                stop_sel=STOP_MARK,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
            ),
        )
        .order_by("-rank", "id")
        .prefetch_related(*FACETS)
    )
    hits = [
        SearchHit(document, document.rank, _highlighted(document.snippet))
        for document in ranked[offset : offset + limit]
    ]
    return SearchPage(hits=hits, total=matches.count())


def _search_fts5(
    documents: QuerySet, query: str, limit: int, offset: int, *, filtered: bool
) -> SearchPage:
    match = _fts5_query(query)
    if not match:
        return SearchPage(hits=[], total=0)
    # `rank` is bm25 with the title weighing ten times the text (set by migration 0002).
    # Filters are applied to the ranked ids here rather than inside the FTS5 query, whose
    # planner would test each match against the filter subquery; snippets are made for the
    # page of results only.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank, rowid",
            [match],
        )
        matches = cursor.fetchall()
        if filtered:
            allowed = set(documents.values_list("id", flat=True))
            matches = [row for row in matches if row[0] in allowed]
        total, ranked = len(matches), matches[offset : offset + limit]
        snippets = {}
        if ranked:
            placeholders = ", ".join(["%s"] * len(ranked))
            cursor.execute(
                f"SELECT rowid, snippet({FTS_TABLE}, -1, %s, %s, '…', {SNIPPET_WORDS}) "
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({placeholders})",
                [START_MARK, STOP_MARK, match, *(row[0] for row in ranked)],
            )
            snippets = dict(cursor.fetchall())
    by_id = KnowledgeDocument.objects.prefetch_related(*FACETS).in_bulk([row[0] for row in ranked])
    # bm25 is lower for better matches; negate it so that rank grows with relevance everywhere.
    return SearchPage(
        hits=[
            SearchHit(by_id[rowid], -score, _highlighted(snippets[rowid]))
            for rowid, score in ranked
        ],
        total=total,
    )


def search_documents(
    query: str, filters: SearchFilters | None = None, *, limit: int = 20, offset: int = 0
) -> SearchPage:
    """Documents matching every word of `query` and the filters, best first; without a
    query, the filtered documents, newest first."""
    filters = filters or SearchFilters()
    documents = filtered_documents(filters)
    query = query.strip()
    if not query:
        listed = documents.order_by("-year", "kind", "title").prefetch_related(*FACETS)
        hits = [
            SearchHit(document, 0.0, escape(Truncator(document.text).words(SNIPPET_WORDS)))
            for document in listed[offset : offset + limit]
        ]
        return SearchPage(hits=hits, total=documents.count())
    if uses_fts5():
        return _search_fts5(documents, query, limit, offset, filtered=filters != SearchFilters())
    return _search_postgresql(documents, query, limit, offset)
