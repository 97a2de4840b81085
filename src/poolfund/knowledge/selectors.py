"""Reads for pages and the API: a record's document, and the exchange of practices and lessons."""

from dataclasses import dataclass

from django.db.models import Prefetch

from poolfund.framework.models import Objective
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.knowledge.indexer import index_record
from poolfund.knowledge.models import KnowledgeDocument, Lesson, Practice
from poolfund.knowledge.registry import DocumentSource
from poolfund.knowledge.similarity import SimilarWork, similar_documents, similar_to_fields


def document_for_record(source: DocumentSource, key: str) -> KnowledgeDocument | None:
    """The record's document, indexing the record first if it has none yet; None when there
    is no such record."""
    document = KnowledgeDocument.objects.filter(kind=source.kind, key=key).first()
    if document is None:
        record = source.record_for_key(key)
        if record is None:
            return None
        index_record(record)
        document = KnowledgeDocument.objects.filter(kind=source.kind, key=key).first()
    return document


def similar_work_for_record(
    source: DocumentSource, key: str, user, *, limit: int = 10
) -> list[SimilarWork] | None:
    """The work most similar to a record that `user` may see, indexed or not (a draft concept
    note is not, yet its proponents are warned of duplication); None when there is none."""
    document = document_for_record(source, key)
    if document is not None:
        return similar_documents(document, limit=limit)
    record = source.record_for_key(key, user)
    if record is None:
        return None
    return similar_to_fields(source.to_document(record), limit=limit, own=(source.kind, key))


@dataclass
class ObjectiveExchange:
    objective: Objective
    practices: list[Practice]
    lessons: list[Lesson]


def exchange_by_objective(objective_number: int | None = None) -> list[ObjectiveExchange]:
    """Practices and lessons grouped under each GCM objective they serve (a record serving two
    objectives appears under both); objectives with nothing shared are left out."""
    objectives = Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE).order_by("number")
    if objective_number:
        objectives = objectives.filter(number=objective_number)
    groups = {objective.pk: ObjectiveExchange(objective, [], []) for objective in objectives}
    for model, attribute in ((Practice, "practices"), (Lesson, "lessons")):
        records = model.objects.prefetch_related(
            "countries",
            "programmes",
            "roadmaps",
            Prefetch("objectives", queryset=Objective.objects.order_by("number")),
        )
        for record in records:
            for objective in record.objectives.all():
                if objective.pk in groups:
                    getattr(groups[objective.pk], attribute).append(record)
    return [group for group in groups.values() if group.practices or group.lessons]
