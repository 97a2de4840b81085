"""Similar work: which documents say much the same thing, and what that may mean.

Text similarity is the cosine of sentence embeddings (WordLlama, stored per document as
float32 bytes) or, when the model is absent, of TF-IDF vectors fitted on the documents' texts.
The nearest `CANDIDATES` by text are then re-scored with their structured overlap:

    score     = 0.7 * text + 0.3 * structure
    structure = 0.4 * places + 0.3 * J(objectives) + 0.2 * J(organisations) + 0.1 * dates

J is the Jaccard index of the two sets; `places` is 1 when the two share a country, ½ when a
country of one borders a country of the other or both belong to one regional body, else 0;
`dates` is 1 when both have dates and they overlap. A close match by text (at least
`close_match` for the method in use) warns of possible duplication in a shared country and of
possible collaboration across a border or within a regional body.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import date

from django.db import connection

from poolfund.geo.borders import land_neighbours
from poolfund.geo.models import RegionalBody
from poolfund.knowledge import embeddings
from poolfund.knowledge.choices import OverlapWarning
from poolfund.knowledge.indexer import document_text, index_version
from poolfund.knowledge.models import KnowledgeDocument
from poolfund.knowledge.registry import SOURCES, DocumentFields
from poolfund.lazy import lazy_module

np = lazy_module("numpy")

CANDIDATES = 50
TEXT_WEIGHT, STRUCTURE_WEIGHT = 0.7, 0.3
PLACES_WEIGHT, OBJECTIVES_WEIGHT, ORGANISATIONS_WEIGHT, DATES_WEIGHT = 0.4, 0.3, 0.2, 0.1
CLOSE_MATCH = {embeddings.MODEL_NAME: 0.75, "tfidf": 0.45}
"""Text similarity from which two documents are a close match, per method (see
docs/knowledge.md for how these were chosen)."""

TFIDF = "tfidf"
LONGEST_PHRASE = 12
CLAUSE_BREAK = re.compile(r"[.;:!?()\n]+")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class VectorIndex:
    """The text vectors of every document, in memory, for one state of the index."""

    def __init__(self, method: str, ids: list[int], matrix, vectorizer=None) -> None:
        self.method = method
        self.ids = np.asarray(ids, dtype=np.int64)
        self.matrix = matrix
        self.vectorizer = vectorizer
        self.row_of = {document_id: row for row, document_id in enumerate(ids)}
        self.columns = matrix.tocsc() if vectorizer is not None else None

    def vector_for_text(self, text: str):
        if self.vectorizer is not None:
            return self.vectorizer.transform([text])
        return embeddings.encode([text])

    def vector_for_document(self, document: KnowledgeDocument):
        row = self.row_of.get(document.pk)
        if row is None:
            return self.vector_for_text(document_text(_fields_of(document)))
        return self.matrix[row : row + 1]

    def nearest(self, vector, limit: int, exclude: set[int]) -> list[tuple[int, float]]:
        """(document id, cosine) of the `limit` closest documents, closest first."""
        if not len(self.ids):
            return []
        if self.vectorizer is not None:
            # Only the columns of the query's terms matter: read them from a column-major copy.
            query = vector.tocsr()
            similarities = self.columns[:, query.indices] @ query.data
        else:
            similarities = self.matrix @ np.asarray(vector, dtype=np.float32).ravel()
        similarities = np.asarray(similarities).ravel()
        wanted = min(limit + len(exclude), len(similarities))
        best = np.argpartition(-similarities, wanted - 1)[:wanted]
        best = best[np.argsort(-similarities[best], kind="stable")]
        return [
            (int(self.ids[row]), float(similarities[row]))
            for row in best
            if int(self.ids[row]) not in exclude
        ][:limit]


def _fields_of(document: KnowledgeDocument) -> DocumentFields:
    return DocumentFields(title=document.title, text=document.text)


def current_method() -> str:
    return embeddings.MODEL_NAME if embeddings.sentence_model() is not None else TFIDF


def _embed_missing_documents(batch: int = 1000) -> None:
    """Give every document an embedding from the current model (after a run without it),
    encoding and writing a thousand at a time."""
    stale = KnowledgeDocument.objects.exclude(embedding_model=embeddings.MODEL_NAME)
    while documents := list(stale.only("pk", "title", "text")[:batch]):
        vectors = embeddings.encode([document_text(_fields_of(doc)) for doc in documents])
        for document, vector in zip(documents, vectors, strict=True):
            document.embedding = embeddings.to_bytes(vector)
            document.embedding_model = embeddings.MODEL_NAME
        KnowledgeDocument.objects.bulk_update(documents, ["embedding", "embedding_model"])


def build_vector_index(method: str | None = None) -> VectorIndex:
    method = method or current_method()
    if method == TFIDF:
        from sklearn.feature_extraction.text import TfidfVectorizer  # heavy: on first use

        rows = list(KnowledgeDocument.objects.order_by("id").values_list("id", "title", "text"))
        vectorizer = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, ngram_range=(1, 2), dtype=np.float32
        )
        texts = [f"{title}. {text}" for _, title, text in rows]
        matrix = vectorizer.fit_transform(texts) if rows else None
        return VectorIndex(TFIDF, [row[0] for row in rows], matrix, vectorizer if rows else None)
    _embed_missing_documents()
    rows = list(KnowledgeDocument.objects.order_by("id").values_list("id", "embedding"))
    matrix = np.frombuffer(b"".join(bytes(blob) for _, blob in rows), dtype=np.float32)
    return VectorIndex(
        method, [row[0] for row in rows], matrix.reshape(len(rows), embeddings.DIMENSIONS)
    )


_cache_lock = threading.Lock()
_cache: dict[tuple, VectorIndex] = {}


def vector_index() -> VectorIndex:
    """The vector index for the documents as they are now, rebuilt after any change."""
    version = (
        current_method(),
        connection.alias,
        connection.settings_dict["NAME"],
        index_version(),
    )
    with _cache_lock:
        if version not in _cache:
            _cache.clear()
            _cache[version] = build_vector_index(version[0])
        return _cache[version]


@dataclass
class Profile:
    """What is compared besides the text: places, objectives, organisations, dates."""

    text: str
    countries: set[str] = field(default_factory=set)
    regional_bodies: set[str] = field(default_factory=set)
    objectives: set[int] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    start_date: date | None = None
    end_date: date | None = None


def _members_of_bodies() -> dict[str, set[str]]:
    bodies: dict[str, set[str]] = {}
    for code, iso3 in RegionalBody.objects.values_list("code", "members__iso3"):
        if iso3:
            bodies.setdefault(iso3, set()).add(code)
    return bodies


def profile_of_fields(fields: DocumentFields, bodies_of_country: dict[str, set[str]]) -> Profile:
    countries = {code.upper() for code in fields.countries}
    bodies = set(fields.regional_bodies)
    for iso3 in countries:
        bodies |= bodies_of_country.get(iso3, set())
    return Profile(
        text=document_text(fields),
        countries=countries,
        regional_bodies=bodies,
        objectives=set(fields.objectives),
        organisations={name.strip().casefold() for name in fields.organisations},
        start_date=fields.start_date,
        end_date=fields.end_date,
    )


FACET_CODES = {
    "countries": "country__iso3",
    "regional_bodies": "regionalbody__code",
    "objectives": "objective__number",
}


def facet_codes(document_ids: list[int]) -> dict[int, dict[str, list]]:
    """{document id: {facet: codes}} read straight from the link tables."""
    codes: dict[int, dict[str, list]] = {
        document_id: {facet: [] for facet in FACET_CODES} for document_id in document_ids
    }
    for facet, code in FACET_CODES.items():
        links = getattr(KnowledgeDocument, facet).through.objects
        for document_id, value in links.filter(knowledgedocument_id__in=document_ids).values_list(
            "knowledgedocument_id", code
        ):
            codes[document_id][facet].append(value)
    return codes


def fields_of_document(document: KnowledgeDocument, codes: dict[str, list]) -> DocumentFields:
    """The document's fields as indexed, with its facet codes from `facet_codes`."""
    return DocumentFields(
        title=document.title,
        text=document.text,
        countries=codes["countries"],
        regional_bodies=codes["regional_bodies"],
        objectives=codes["objectives"],
        organisations=document.organisations,
        start_date=document.start_date,
        end_date=document.end_date,
        year=document.year,
        same_work=[tuple(pair) for pair in document.same_work],
    )


def _jaccard(first: set, second: set) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _dates_overlap(first: Profile, second: Profile) -> bool:
    if not (first.start_date and second.start_date):
        return False
    first_end = first.end_date or first.start_date
    second_end = second.end_date or second.start_date
    return first.start_date <= second_end and second.start_date <= first_end


def _words(text: str) -> list[str]:
    return [word.casefold() for word in WORD.findall(text)]


def shared_phrases(first_text: str, second_text: str, *, limit: int = 5) -> list[str]:
    """The longest runs of words (two to `LONGEST_PHRASE`) found in both texts, longest first,
    none overlapping another in the first text; runs may not start or end with a stop word."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # heavy: on first use

    def runs(text: str) -> dict[tuple[str, ...], list[int]]:
        """Runs within one sentence or clause, by their word positions in the text."""
        found: dict[tuple[str, ...], list[int]] = {}
        offset = 0
        for clause in CLAUSE_BREAK.split(text):
            words = _words(clause)
            for size in range(2, LONGEST_PHRASE + 1):
                for start in range(len(words) - size + 1):
                    run = tuple(words[start : start + size])
                    if run[0] not in ENGLISH_STOP_WORDS and run[-1] not in ENGLISH_STOP_WORDS:
                        found.setdefault(run, []).append(offset + start)
            offset += len(words)
        return found

    in_first = runs(first_text)
    in_second = runs(second_text)
    used: set[int] = set()
    kept = []
    for run in sorted(in_first.keys() & in_second.keys(), key=lambda run: (-len(run), run)):
        positions = {start + offset for start in in_first[run] for offset in range(len(run))}
        if positions & used:
            continue
        used |= positions
        kept.append(" ".join(run))
        if len(kept) == limit:
            break
    return kept


@dataclass
class Evidence:
    shared_phrases: list[str]
    shared_countries: list[str]
    neighbouring_countries: list[tuple[str, str]]
    shared_regional_bodies: list[str]
    shared_objectives: list[int]
    shared_organisations: list[str]
    overlapping_dates: bool


@dataclass
class SimilarWork:
    document: KnowledgeDocument
    score: float
    text_similarity: float
    structure: float
    evidence: Evidence
    warning: OverlapWarning | None

    @property
    def kind_label(self) -> str:
        source = SOURCES.get(self.document.kind)
        return source.label if source else self.document.kind


def compare(
    first: Profile, second: Profile, text_similarity: float, method: str
) -> tuple[float, float, Evidence, OverlapWarning | None]:
    """(score, structure, evidence, warning) for two profiles whose texts are this similar;
    the evidence lacks the shared phrases, which cost more and are found for the best only."""
    shared_countries = sorted(first.countries & second.countries)
    neighbours = sorted(
        (mine, theirs)
        for mine in first.countries - second.countries
        for theirs in second.countries - first.countries
        if theirs in land_neighbours(mine)
    )
    shared_bodies = sorted(first.regional_bodies & second.regional_bodies)
    if shared_countries:
        places = 1.0
    elif neighbours or shared_bodies:
        places = 0.5
    else:
        places = 0.0
    overlapping_dates = _dates_overlap(first, second)
    structure = (
        PLACES_WEIGHT * places
        + OBJECTIVES_WEIGHT * _jaccard(first.objectives, second.objectives)
        + ORGANISATIONS_WEIGHT * _jaccard(first.organisations, second.organisations)
        + DATES_WEIGHT * overlapping_dates
    )
    text_similarity = max(0.0, min(1.0, text_similarity))
    score = TEXT_WEIGHT * text_similarity + STRUCTURE_WEIGHT * structure
    warning = None
    if text_similarity >= CLOSE_MATCH[method]:
        if shared_countries:
            warning = OverlapWarning.POSSIBLE_DUPLICATION
        elif neighbours or shared_bodies:
            warning = OverlapWarning.POSSIBLE_COLLABORATION
    evidence = Evidence(
        shared_phrases=[],
        shared_countries=shared_countries,
        neighbouring_countries=neighbours,
        shared_regional_bodies=shared_bodies,
        shared_objectives=sorted(first.objectives & second.objectives),
        shared_organisations=sorted(first.organisations & second.organisations),
        overlapping_dates=overlapping_dates,
    )
    return score, structure, evidence, warning


def _kinds_compared() -> list[str]:
    return [kind for kind, source in SOURCES.items() if source.is_work]


def similar_to_fields(
    fields: DocumentFields,
    *,
    limit: int = 10,
    exclude_ids: set[int] | None = None,
    vector=None,
    index: VectorIndex | None = None,
    own: tuple[str, str] | None = None,
) -> list[SimilarWork]:
    """The work most similar to a record described by `fields` (saved or not), best first;
    `own` is the record's (kind, key), so that work naming it as the same work is left out."""
    index = index or vector_index()
    if not len(index.ids):
        return []
    if vector is None:
        vector = index.vector_for_text(document_text(fields))
    exclude = set(exclude_ids or ())
    nearest = index.nearest(vector, CANDIDATES, exclude)
    candidates = KnowledgeDocument.objects.filter(
        id__in=[document_id for document_id, _ in nearest], kind__in=_kinds_compared()
    ).defer("embedding")
    same_work = {tuple(pair) for pair in fields.same_work}
    by_id = {
        document.pk: document
        for document in candidates
        if (document.kind, document.key) not in same_work
        and (own is None or list(own) not in document.same_work)
    }
    codes = facet_codes(list(by_id))
    bodies_of_country = _members_of_bodies()
    mine = profile_of_fields(fields, bodies_of_country)
    results = []
    for document_id, text_similarity in nearest:
        document = by_id.get(document_id)
        if document is None:
            continue
        theirs = profile_of_fields(
            fields_of_document(document, codes[document_id]), bodies_of_country
        )
        score, structure, evidence, warning = compare(mine, theirs, text_similarity, index.method)
        results.append(
            SimilarWork(document, score, max(0.0, text_similarity), structure, evidence, warning)
        )
    results.sort(key=lambda work: (-work.score, work.document.pk))
    for work in results[:limit]:
        work.evidence.shared_phrases = shared_phrases(
            mine.text, document_text(_fields_of(work.document))
        )
    return results[:limit]


def similar_documents(document: KnowledgeDocument, *, limit: int = 10) -> list[SimilarWork]:
    index = vector_index()
    return similar_to_fields(
        fields_of_document(document, facet_codes([document.pk])[document.pk]),
        limit=limit,
        exclude_ids={document.pk},
        vector=index.vector_for_document(document),
        index=index,
        own=(document.kind, document.key),
    )


def overlap_warnings(works: list[SimilarWork]) -> list[SimilarWork]:
    return [work for work in works if work.warning is not None]
