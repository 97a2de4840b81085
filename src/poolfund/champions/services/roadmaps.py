"""Writes of the champion countries' roadmaps: drafting, co-authors, status, comments, and
proposing a roadmap as a concept note."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.champions.choices import ROADMAP_NEXT_STATUS, ActorKind, RoadmapStatus
from poolfund.champions.models import (
    Roadmap,
    RoadmapActor,
    RoadmapComment,
    RoadmapMilestone,
    RoadmapResult,
)
from poolfund.errors import DomainError
from poolfund.programmes.services.concept_notes import ConceptNoteContent, draft_concept_note


class RoadmapError(DomainError):
    code = "roadmap"


def _set_roadmap_parts(roadmap: Roadmap, parts: Mapping[str, Any]) -> None:
    if "countries" in parts:
        roadmap.countries.set(parts["countries"])
    if "gcm_objectives" in parts:
        roadmap.gcm_objectives.set(parts["gcm_objectives"])
    if "actors" in parts:
        roadmap.actors.all().delete()
        RoadmapActor.objects.bulk_create(
            RoadmapActor(roadmap=roadmap, **actor) for actor in parts["actors"]
        )
    if "results" in parts:
        roadmap.results.all().delete()
        RoadmapResult.objects.bulk_create(
            RoadmapResult(roadmap=roadmap, position=position, **result)
            for position, result in enumerate(parts["results"], start=1)
        )
    if "milestones" in parts:
        roadmap.milestones.all().delete()
        RoadmapMilestone.objects.bulk_create(
            RoadmapMilestone(roadmap=roadmap, **milestone) for milestone in parts["milestones"]
        )


ROADMAP_FIELDS = ("title", "scope", "objectives", "thematic_area", "forum", "priority_topic")
ROADMAP_PARTS = ("countries", "gcm_objectives", "actors", "results", "milestones")


def _refuse_unknown_roadmap_details(details: Mapping[str, Any]) -> None:
    unknown = set(details) - set(ROADMAP_FIELDS) - set(ROADMAP_PARTS)
    if unknown:
        raise TypeError(f"Unknown roadmap details: {', '.join(sorted(unknown))}")


@transaction.atomic
def create_roadmap(*, actor, title: str, scope: str, **details: Any) -> Roadmap:
    """Start a roadmap; its author becomes its first co-author. `details` takes the other
    fields (`objectives`, `thematic_area`, `forum`, `priority_topic`) and parts (`countries`,
    `gcm_objectives`, `actors`, `results`, `milestones`)."""
    require(actor, "champions.draft_roadmap")
    require(actor, "champions.write_roadmap_for_countries", details.get("countries", ()))
    _refuse_unknown_roadmap_details(details)
    roadmap = Roadmap.objects.create(
        title=title,
        scope=scope,
        **{name: details[name] for name in ROADMAP_FIELDS[2:] if name in details},
    )
    roadmap.co_authors.add(actor)
    _set_roadmap_parts(roadmap, details)
    record_event(actor=actor, action=AuditAction.CREATE, instance=roadmap)
    return roadmap


@transaction.atomic
def update_roadmap(*, actor, roadmap: Roadmap, **changes: Any) -> Roadmap:
    require(actor, "champions.edit_roadmap", roadmap)
    added = set(changes.get("countries", ())) - set(roadmap.countries.all())
    require(actor, "champions.write_roadmap_for_countries", added)
    _refuse_unknown_roadmap_details(changes)
    before = snapshot(roadmap)
    for name in ROADMAP_FIELDS:
        if name in changes:
            setattr(roadmap, name, changes[name])
    roadmap.save()
    _set_roadmap_parts(roadmap, changes)
    record_event(actor=actor, action=AuditAction.UPDATE, instance=roadmap, before=before)
    return roadmap


@transaction.atomic
def add_roadmap_co_author(*, actor, roadmap: Roadmap, co_author) -> Roadmap:
    """Invite another focal point to co-author; only a co-author (or the FMU) may invite."""
    require(actor, "champions.edit_roadmap", roadmap)
    from poolfund.champions.permissions import focal_point_country_ids

    if not focal_point_country_ids(co_author):
        raise RoadmapError(
            gettext("%(user)s is not a government focal point.") % {"user": co_author}
        )
    roadmap.co_authors.add(co_author)
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=roadmap,
        before=snapshot(roadmap),
        reason=f"co-author added: {co_author.get_username()}",
    )
    return roadmap


@transaction.atomic
def advance_roadmap_status(*, actor, roadmap: Roadmap) -> Roadmap:
    """Move a roadmap one step: draft → agreed → in proposal → funded."""
    require(actor, "champions.edit_roadmap", roadmap)
    next_status = ROADMAP_NEXT_STATUS.get(roadmap.status)
    if next_status is None:
        raise RoadmapError(gettext("This roadmap is funded: it has no further status."))
    before = snapshot(roadmap)
    roadmap.status = next_status
    roadmap.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action=AuditAction.TRANSITION, instance=roadmap, before=before)
    return roadmap


@transaction.atomic
def comment_on_roadmap(*, actor, roadmap: Roadmap, text: str) -> RoadmapComment:
    require(actor, "champions.comment_on_roadmap", roadmap)
    if not text.strip():
        raise RoadmapError(gettext("A comment cannot be empty."), fields={"text": ""})
    comment = RoadmapComment.objects.create(roadmap=roadmap, author=actor, text=text.strip())
    record_event(actor=actor, action=AuditAction.CREATE, instance=comment)
    return comment


def _concept_note_summary(roadmap: Roadmap) -> str:
    """The roadmap's scope, objectives, expected results and timeline as concept-note prose."""
    parts = [roadmap.scope.strip()]
    if roadmap.objectives:
        parts.append("Objectives:\n" + "\n".join(f"- {text}" for text in roadmap.objectives))
    results = [
        f"- {result.description}"
        + (f" (indicator: {result.indicator})" if result.indicator else "")
        for result in roadmap.results.all()
    ]
    if results:
        parts.append("Expected results:\n" + "\n".join(results))
    milestones = [f"- {m.due_on:%d %B %Y}: {m.description}" for m in roadmap.milestones.all()]
    if milestones:
        parts.append("Timeline:\n" + "\n".join(milestones))
    return "\n\n".join(parts)


def _actors_of_kind(roadmap: Roadmap, kinds: tuple[ActorKind, ...]) -> str:
    return "\n".join(
        f"{actor.name}: {actor.role}" for actor in roadmap.actors.all() if actor.kind in kinds
    )


@transaction.atomic
def propose_roadmap_as_concept_note(
    *,
    actor,
    roadmap: Roadmap,
    budget_lines: Sequence[tuple[Any, Decimal]],
    duration_months: int,
    gender_marker: int,
    human_rights_marker: int,
    child_sensitivity_marker: int,
    thematic_area=None,
):
    """Draft a concept note (programmes) from a roadmap, linked both ways, and move the roadmap
    to "in proposal". The roadmap gives the title, summary (scope, objectives, expected results,
    timeline), countries, GCM objectives, thematic area and the whole-of-government and
    whole-of-society actors; the caller adds what a roadmap does not hold: the budget split
    between participating UN organisations, the duration and the three markers."""
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    require(actor, "champions.edit_roadmap", roadmap)
    if roadmap.concept_note_id:
        raise RoadmapError(
            gettext("This roadmap is already concept note %(reference)s.")
            % {"reference": roadmap.concept_note.reference}
        )
    if roadmap.status == RoadmapStatus.FUNDED:
        raise RoadmapError(gettext("This roadmap is already funded."))
    thematic_area = thematic_area or roadmap.thematic_area
    if thematic_area is None:
        raise RoadmapError(
            gettext("Choose the thematic area the concept note is for."),
            fields={"thematic_area": ""},
        )
    content = ConceptNoteContent(
        title=roadmap.title,
        summary=_concept_note_summary(roadmap),
        thematic_area=thematic_area,
        objectives=list(roadmap.gcm_objectives.all()),
        requested_budget_usd=sum((amount for _org, amount in budget_lines), Decimal("0")),
        budget_lines=list(budget_lines),
        duration_months=duration_months,
        gender_marker=gender_marker,
        human_rights_marker=human_rights_marker,
        child_sensitivity_marker=child_sensitivity_marker,
        countries=list(roadmap.countries.all()),
        whole_of_government=_actors_of_kind(roadmap, (ActorKind.COUNTRY,)),
        whole_of_society=_actors_of_kind(roadmap, (ActorKind.CIVIL_SOCIETY,)),
        roadmap_reference=f"Champion roadmap {roadmap.pk}: {roadmap.title}"[:200],
    )
    note = draft_concept_note(actor=actor, content=content)
    before = snapshot(roadmap)
    roadmap.concept_note = note
    roadmap.status = RoadmapStatus.IN_PROPOSAL
    roadmap.save(update_fields=["concept_note", "status", "updated_at"])
    record_event(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=roadmap,
        before=before,
        reason=f"became concept note {note.reference}",
    )
    return note
