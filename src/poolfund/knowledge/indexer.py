"""Keeping `KnowledgeDocument` in step with the records of every registered kind.

`rebuild_index()` (behind `poolfund index-knowledge`) rewrites whole kinds in bulk; saving or
deleting a registered record re-indexes it once the transaction commits. On SQLite the FTS5
table `knowledge_document_fts` is written here too; PostgreSQL indexes the table itself."""

import threading
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from poolfund.framework.models import Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country, RegionalBody
from poolfund.iati.signals import activities_written
from poolfund.knowledge import embeddings
from poolfund.knowledge.models import KnowledgeDocument, KnowledgeIndexState
from poolfund.knowledge.registry import SOURCES, DocumentFields, DocumentSource, sources_for_model

FTS_TABLE = "knowledge_document_fts"
BULK_BATCH_SIZE = 1000


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


class FacetCodes:
    """Database ids for the codes adapters speak in, read once per indexing run."""

    def __init__(self) -> None:
        self.country = dict(Country.objects.values_list("iso3", "id"))
        self.regional_body = dict(RegionalBody.objects.values_list("code", "id"))
        gcm_objectives = Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE)
        self.objective = dict(gcm_objectives.values_list("number", "id"))
        self.area_of_objective = dict(
            gcm_objectives.filter(thematic_area__isnull=False).values_list(
                "number", "thematic_area__number"
            )
        )
        self.thematic_area = dict(
            ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE).values_list(
                "number", "id"
            )
        )

    def ids(self, codes: Iterable, table: dict) -> list[int]:
        return sorted({table[code] for code in codes if code in table})

    def thematic_area_ids(self, fields: DocumentFields) -> list[int]:
        """The areas the adapter names, plus the areas of the objectives it names."""
        numbers = set(fields.thematic_areas)
        areas = self.area_of_objective
        numbers |= {areas[number] for number in fields.objectives if number in areas}
        return self.ids(numbers, self.thematic_area)


def document_text(fields: DocumentFields) -> str:
    """What the embedding reads: the title, then the body."""
    return f"{fields.title}. {fields.text}".strip()


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _new_document(kind: str, key: str, fields: DocumentFields) -> KnowledgeDocument:
    return KnowledgeDocument(
        kind=kind,
        key=key,
        title=fields.title[:500],
        text=fields.text,
        organisations=sorted({name.strip() for name in fields.organisations if name.strip()}),
        start_date=fields.start_date,
        end_date=fields.end_date,
        year=fields.year or (fields.start_date.year if fields.start_date else None),
        url=fields.url,
        same_work=sorted([kind, str(key)] for kind, key in fields.same_work),
    )


def _attach_embeddings(documents: list[KnowledgeDocument], texts: list[str]) -> None:
    if embeddings.sentence_model() is None:
        return
    for document, vector in zip(documents, embeddings.encode(texts), strict=True):
        document.embedding = embeddings.to_bytes(vector)
        document.embedding_model = embeddings.MODEL_NAME


def _write_facets(
    documents: list[KnowledgeDocument], fields_list: list[DocumentFields], codes: FacetCodes
) -> None:
    through_rows: dict[str, list] = {
        "countries": [],
        "regional_bodies": [],
        "objectives": [],
        "thematic_areas": [],
    }
    for document, fields in zip(documents, fields_list, strict=True):
        facet_ids = {
            "countries": codes.ids(fields.countries, codes.country),
            "regional_bodies": codes.ids(fields.regional_bodies, codes.regional_body),
            "objectives": codes.ids(fields.objectives, codes.objective),
            "thematic_areas": codes.thematic_area_ids(fields),
        }
        for name, ids in facet_ids.items():
            through = getattr(KnowledgeDocument, name).through
            target = getattr(KnowledgeDocument, name).field.m2m_reverse_field_name()
            through_rows[name].extend(
                through(knowledgedocument_id=document.pk, **{f"{target}_id": pk}) for pk in ids
            )
    for name, rows in through_rows.items():
        getattr(KnowledgeDocument, name).through.objects.bulk_create(rows, batch_size=5000)


def _write_fts(documents: list[KnowledgeDocument]) -> None:
    if not uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, text) VALUES (%s, %s, %s)",
            [(document.pk, document.title, document.text) for document in documents],
        )


def rebuild_fts_after_restore(*, using: str = "default", **kwargs) -> None:
    """The FTS5 table is derived from the documents and not in a backup: fill it again."""
    if not uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
    _write_fts(list(KnowledgeDocument.objects.only("pk", "title", "text").order_by("pk")))


def _delete_fts(document_ids: list[int]) -> None:
    if not uses_fts5() or not document_ids:
        return
    with connection.cursor() as cursor:
        for chunk in _chunks(document_ids, 500):
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", chunk)


def index_version() -> str:
    """The version of the documents; it changes with every write or deletion."""
    state, _ = KnowledgeIndexState.objects.get_or_create(pk=1)
    return state.version


def _bump_index_version() -> None:
    KnowledgeIndexState.objects.update_or_create(pk=1, defaults={"version": uuid.uuid4().hex})


def delete_documents(queryset: models.QuerySet) -> int:
    document_ids = list(queryset.values_list("id", flat=True))
    if document_ids:
        _bump_index_version()
    _delete_fts(document_ids)
    for chunk in _chunks(document_ids, 500):
        KnowledgeDocument.objects.filter(id__in=chunk).delete()
    return len(document_ids)


def write_documents(kind: str, items: Iterable[tuple[str, DocumentFields]]) -> int:
    """Replace the documents of these records of `kind` in bulk; returns how many were written."""
    codes = FacetCodes()
    written = 0
    for chunk in _chunks(items, BULK_BATCH_SIZE):
        with transaction.atomic():
            delete_documents(
                KnowledgeDocument.objects.filter(kind=kind, key__in=[key for key, _ in chunk])
            )
            fields_list = [fields for _, fields in chunk]
            documents = [_new_document(kind, key, fields) for key, fields in chunk]
            _attach_embeddings(documents, [document_text(fields) for fields in fields_list])
            KnowledgeDocument.objects.bulk_create(documents)
            if any(document.pk is None for document in documents):
                keys = [document.key for document in documents]
                ids = dict(
                    KnowledgeDocument.objects.filter(kind=kind, key__in=keys).values_list(
                        "key", "id"
                    )
                )
                for document in documents:
                    document.pk = ids[document.key]
            _write_facets(documents, fields_list, codes)
            _write_fts(documents)
            _bump_index_version()
        written += len(documents)
    return written


def _items_of(source: DocumentSource) -> Iterator[tuple[str, DocumentFields]]:
    for record in source.queryset().iterator(chunk_size=BULK_BATCH_SIZE):
        yield source.key_of(record), source.to_document(record)


def rebuild_index(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Re-read every record of the given kinds (all by default); returns documents per kind."""
    counts = {}
    for kind in kinds or list(SOURCES):
        source = SOURCES[kind]
        delete_documents(KnowledgeDocument.objects.filter(kind=kind))
        counts[kind] = write_documents(kind, _items_of(source))
    return counts


def index_records(model: type[models.Model], pks: Iterable) -> None:
    """Re-read these records of `model` in bulk: index those its kinds cover, and drop the
    documents of those they no longer cover (a concept note sent back to draft)."""
    pks = list(pks)
    for source in sources_for_model(model):
        for chunk in _chunks(pks, BULK_BATCH_SIZE):
            records = list(source.queryset().filter(pk__in=chunk))
            write_documents(
                source.kind,
                [(source.key_of(record), source.to_document(record)) for record in records],
            )
            left = model._base_manager.filter(pk__in=chunk).exclude(
                pk__in=[record.pk for record in records]
            )
            gone = [source.key_of(record) for record in left]
            delete_documents(KnowledgeDocument.objects.filter(kind=source.kind, key__in=gone))


def index_record(record: models.Model) -> None:
    index_records(type(record), [record.pk])


def remove_record(source: DocumentSource, key: str) -> None:
    delete_documents(KnowledgeDocument.objects.filter(kind=source.kind, key=key))


_waiting = threading.local()


def _reindex_after_commit(model: type[models.Model], pks: Iterable) -> None:
    """Re-index these records once the transaction commits, each once however many saves and
    link changes it saw. The records wait in one set per thread; the first callback to run
    indexes them all (the others find nothing), and records of a rolled-back transaction are
    re-read, harmlessly, at the next commit."""
    waiting = getattr(_waiting, "records", None)
    if waiting is None:
        waiting = _waiting.records = {}
    waiting.setdefault(model, set()).update(pks)
    transaction.on_commit(_index_waiting_records)


def _index_waiting_records() -> None:
    waiting, _waiting.records = getattr(_waiting, "records", None) or {}, {}
    for model, pks in waiting.items():
        index_records(model, pks)


def _on_save(sender, instance, **kwargs) -> None:
    _reindex_after_commit(sender, [instance.pk])


def _on_links_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """A many-to-many link changed (countries, objectives…): re-index the records it touches."""
    if not action.startswith("post_"):
        return
    if not reverse:
        _reindex_after_commit(type(instance), [instance.pk])
    elif pk_set:
        _reindex_after_commit(model, pk_set)


def _on_bulk_write(sender, pks, **kwargs) -> None:
    _reindex_after_commit(sender, pks)


def _remove_after_commit(sender, instance, **kwargs) -> None:
    for source in sources_for_model(sender):
        key = source.key_of(instance)
        transaction.on_commit(lambda source=source, key=key: remove_record(source, key))


def connect_sync_signals() -> None:
    """Saves, deletions and link changes of every registered model, and `activities_written`
    of an IATI import (bulk writes send no `post_save`)."""
    for source in SOURCES.values():
        uid = f"knowledge-{source.kind}"
        post_save.connect(_on_save, sender=source.model, dispatch_uid=uid)
        post_delete.connect(_remove_after_commit, sender=source.model, dispatch_uid=uid)
        for field in source.model._meta.many_to_many:
            m2m_changed.connect(
                _on_links_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
    activities_written.connect(_on_bulk_write, dispatch_uid="knowledge-iati-import")
