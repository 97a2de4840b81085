"""How GCM objectives, good practices and lessons read as knowledge documents.

Every app's kinds plug in the same way, in that app's own `knowledge_sources.py`:
`register_source(DocumentSource(...))` with a function that reads one record as
`DocumentFields`."""

from django.urls import reverse

from poolfund.framework.models import Objective
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.knowledge.models import ExchangeRecord, Lesson, Practice
from poolfund.knowledge.registry import DocumentFields, DocumentSource, register_source


def objective_document(objective: Objective) -> DocumentFields:
    area = objective.thematic_area
    return DocumentFields(
        title=f"GCM objective {objective.number}: {objective.short_label}",
        text=" ".join(filter(None, [objective.title, area.description if area else ""])),
        url=reverse("framework:objective", args=[objective.number]),
        objectives=[objective.number],
    )


def _exchange_text(record: ExchangeRecord, *extra: str) -> str:
    parts = [
        record.problem,
        record.what_was_done,
        record.results,
        *extra,
        record.conditions_for_transfer,
    ]
    return "\n\n".join(part for part in parts if part)


def _exchange_document(record: ExchangeRecord, text: str, anchor: str) -> DocumentFields:
    return DocumentFields(
        title=record.title,
        text=text,
        url=f"{reverse('knowledge:exchange')}#{anchor}",
        countries=[country.iso3 for country in record.countries.all()],
        objectives=[objective.number for objective in record.objectives.all()],
        organisations=record.organisations,
        year=record.year,
        same_work=[
            *(("programme", programme.code) for programme in record.programmes.all()),
            *(("roadmap", str(roadmap.pk)) for roadmap in record.roadmaps.all()),
        ],
    )


def practice_document(practice: Practice) -> DocumentFields:
    return _exchange_document(practice, _exchange_text(practice), f"practice-{practice.pk}")


def lesson_document(lesson: Lesson) -> DocumentFields:
    return _exchange_document(lesson, _exchange_text(lesson, lesson.lesson), f"lesson-{lesson.pk}")


register_source(
    DocumentSource(
        kind="objective",
        label="GCM objective",
        model=Objective,
        queryset=lambda: Objective.objects.filter(
            framework__code=DEFAULT_FRAMEWORK_CODE
        ).select_related("thematic_area"),
        to_document=objective_document,
        url_segment="objectives",
        key_field="number",
        is_work=False,
    )
)
for kind, label, model, to_document, url_segment in (
    ("practice", "Good practice", Practice, practice_document, "practices"),
    ("lesson", "Lesson learned", Lesson, lesson_document, "lessons"),
):
    register_source(
        DocumentSource(
            kind=kind,
            label=label,
            model=model,
            queryset=lambda model=model: model.objects.prefetch_related(
                "countries", "objectives", "programmes", "roadmaps"
            ),
            to_document=to_document,
            url_segment=url_segment,
        )
    )
