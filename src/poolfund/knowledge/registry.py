"""The kinds of record the knowledge engine reads. Each kind plugs in with a small adapter:
its name, its records, and how one record reads as a document."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from poolfund.accounts.models import User

Record = TypeVar("Record", bound=models.Model)


@dataclass(frozen=True)
class DocumentFields:
    """What the engine needs to know about a record; codes, not objects, so adapters stay cheap.

    Countries are ISO 3166 alpha-3 codes, regional bodies their codes (`caricom`), objectives
    and thematic areas their numbers in the GCM."""

    title: str
    text: str
    url: str = ""
    countries: Iterable[str] = ()
    regional_bodies: Iterable[str] = ()
    objectives: Iterable[int] = ()
    thematic_areas: Iterable[int] = ()
    organisations: Iterable[str] = ()
    start_date: date | None = None
    end_date: date | None = None
    year: int | None = None
    same_work: Iterable[tuple[str, str]] = ()
    """(kind, key) of records that are this same piece of work in another form (a programme's
    concept note, the roadmap it came from): never offered as similar work to each other."""


@dataclass(frozen=True)
class DocumentSource(Generic[Record]):
    """One kind of record: `kind` names it in documents and filters, `url_segment` in the API
    (`/api/v1/<url_segment>/<key>/similar/`), `key_field` holds the record's id or code."""

    kind: str
    label: str
    model: type[Record]
    queryset: Callable[[], models.QuerySet[Record]]
    to_document: Callable[[Record], DocumentFields]
    url_segment: str
    key_field: str = "pk"
    is_work: bool = True
    """False for reference texts (the GCM objectives), which are searched but never offered
    as similar work."""
    visible_to: "Callable[[User | AnonymousUser], models.QuerySet[Record]] | None" = None
    """The records a person may ask about when that is more than the indexed ones (a concept
    note's proponents see its draft, which is not public and so not indexed)."""

    def key_of(self, record: Record) -> str:
        return str(getattr(record, self.key_field))

    def record_for_key(self, key: str, user=None) -> Record | None:
        """The record with this key that `user` may see (None: only indexed records count);
        None when there is none, including when the key cannot be one (`abc` for an id)."""
        records = self.queryset()
        if user is not None and self.visible_to is not None:
            records = self.visible_to(user)
        try:
            return records.filter(**{self.key_field: key}).first()
        except (ValueError, TypeError, OverflowError, ValidationError):
            return None


SOURCES: dict[str, DocumentSource[Any]] = {}


def register_source(source: DocumentSource[Record]) -> DocumentSource[Record]:
    if source.kind in SOURCES:
        raise ValueError(f"The knowledge kind {source.kind!r} is registered twice.")
    SOURCES[source.kind] = source
    return source


def source_for_kind(kind: str) -> DocumentSource[Any] | None:
    return SOURCES.get(kind)


def sources_for_model(model: type[models.Model]) -> list[DocumentSource]:
    return [source for source in SOURCES.values() if source.model is model]
