"""How concept notes and Joint Programmes read as knowledge documents (`poolfund.knowledge`).

Only published concept notes are indexed, so that search and similar work never show a draft;
a note's proponents still see the similar work of their draft on its page."""

from django.urls import reverse

from poolfund.knowledge.registry import DocumentFields, DocumentSource, register_source
from poolfund.programmes.models import ConceptNote, JointProgramme
from poolfund.programmes.selectors import concept_notes_visible_to
from poolfund.programmes.workflow import PUBLISHED_STATES

RELATED = ("countries", "regional_bodies", "objectives", "budget_lines__organisation")


def _geography_fields(record: ConceptNote | JointProgramme) -> dict:
    return {
        "countries": [country.iso3 for country in record.countries.all()],
        "regional_bodies": [body.code for body in record.regional_bodies.all()],
        "objectives": [objective.number for objective in record.objectives.all()],
        "thematic_areas": [record.thematic_area.number],
        "organisations": [line.organisation.acronym for line in record.budget_lines.all()],
    }


def concept_note_document(note: ConceptNote) -> DocumentFields:
    programme = getattr(note, "joint_programme", None)
    roadmap = getattr(note, "roadmap", None)
    return DocumentFields(
        title=note.title,
        text="\n\n".join(
            part for part in (note.summary, note.whole_of_government, note.whole_of_society) if part
        ),
        url=reverse("programmes:concept-note", args=[note.reference]),
        year=note.created_at.year if note.created_at else None,
        same_work=[
            *([("programme", programme.code)] if programme else []),
            *([("roadmap", str(roadmap.pk))] if roadmap else []),
        ],
        **_geography_fields(note),
    )


def programme_document(programme: JointProgramme) -> DocumentFields:
    note = programme.concept_note
    return DocumentFields(
        title=programme.title,
        text=programme.description,
        url=reverse("programmes:programme", args=[programme.code]),
        start_date=programme.starts_on,
        end_date=programme.ends_on,
        same_work=[("concept-note", note.reference)] if note else [],
        **_geography_fields(programme),
    )


register_source(
    DocumentSource(
        kind="concept-note",
        label="Concept note",
        model=ConceptNote,
        queryset=lambda: (
            ConceptNote.objects.filter(state__in=PUBLISHED_STATES)
            .select_related("thematic_area", "joint_programme", "roadmap")
            .prefetch_related(*RELATED)
        ),
        to_document=concept_note_document,
        url_segment="concept-notes",
        key_field="reference",
        visible_to=concept_notes_visible_to,
    )
)
register_source(
    DocumentSource(
        kind="programme",
        label="Joint Programme",
        model=JointProgramme,
        queryset=lambda: JointProgramme.objects.select_related(
            "thematic_area", "concept_note"
        ).prefetch_related(*RELATED),
        to_document=programme_document,
        url_segment="programmes",
        key_field="code",
    )
)
