"""How roadmaps, forum key messages and good practices of the champion countries read as
knowledge documents (`poolfund.knowledge`)."""

from django.urls import reverse

from poolfund.champions.choices import ParticipantKind
from poolfund.champions.models import GoodPractice, KeyMessage, Roadmap
from poolfund.knowledge.registry import DocumentFields, DocumentSource, register_source


def roadmap_document(roadmap: Roadmap) -> DocumentFields:
    results = [result.description for result in roadmap.results.all()]
    milestones = sorted(milestone.due_on for milestone in roadmap.milestones.all())
    note = roadmap.concept_note
    return DocumentFields(
        title=roadmap.title,
        text="\n\n".join([roadmap.scope, *map(str, roadmap.objectives), *results]),
        url=reverse("champions:roadmap", args=[roadmap.pk]),
        countries=[country.iso3 for country in roadmap.countries.all()],
        objectives=[objective.number for objective in roadmap.gcm_objectives.all()],
        thematic_areas=[roadmap.thematic_area.number] if roadmap.thematic_area else [],
        organisations=[actor.name for actor in roadmap.actors.all()],
        start_date=milestones[0] if milestones else None,
        end_date=milestones[-1] if milestones else None,
        year=roadmap.created_at.year if roadmap.created_at else None,
        same_work=[("concept-note", note.reference)] if note else [],
    )


def key_message_document(message: KeyMessage) -> DocumentFields:
    forum = message.forum
    number = f"{message.parent.position}.{message.position}" if message.parent else message.position
    return DocumentFields(
        title=f"{forum.name}: key message {number}",
        text=message.text,
        url=f"{reverse('champions:forum', args=[forum.slug])}#key-message-{message.pk}",
        countries=[
            participant.country.iso3
            for participant in forum.participants.all()
            if participant.kind == ParticipantKind.COUNTRY and participant.country
        ],
        start_date=forum.starts_on,
        end_date=forum.ends_on,
        year=forum.year,
    )


def good_practice_document(practice: GoodPractice) -> DocumentFields:
    return DocumentFields(
        title=practice.title,
        text="\n\n".join(part for part in (practice.description, practice.results) if part),
        url=f"{reverse('champions:practices')}#practice-{practice.pk}",
        countries=[practice.country.iso3],
        objectives=[objective.number for objective in practice.objectives.all()],
        year=practice.created_at.year if practice.created_at else None,
    )


register_source(
    DocumentSource(
        kind="roadmap",
        label="Roadmap",
        model=Roadmap,
        queryset=lambda: Roadmap.objects.select_related(
            "thematic_area", "concept_note"
        ).prefetch_related("countries", "gcm_objectives", "actors", "results", "milestones"),
        to_document=roadmap_document,
        url_segment="champions/roadmaps",
    )
)
register_source(
    DocumentSource(
        kind="key-message",
        label="Forum key message",
        model=KeyMessage,
        queryset=lambda: KeyMessage.objects.select_related("forum", "parent").prefetch_related(
            "forum__participants__country"
        ),
        to_document=key_message_document,
        url_segment="champions/key-messages",
    )
)
register_source(
    DocumentSource(
        kind="champion-practice",
        label="Champion country good practice",
        model=GoodPractice,
        queryset=lambda: GoodPractice.objects.select_related("country").prefetch_related(
            "objectives"
        ),
        to_document=good_practice_document,
        url_segment="champions/practices",
    )
)
