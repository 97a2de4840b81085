"""What the programme cycle waits on, for `/me/`: notes to screen, score, decide and revise,
Joint Programmes to create and first transfers to make."""

from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.geo.selectors import covering_any_of
from poolfund.inbox.registry import Person, Task, Waiting, by_due_date, first_tasks, task_kind
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.choices import DecisionKind
from poolfund.programmes.models import (
    ConceptNote,
    ProgrammeBudgetLine,
    ProgrammeTransfer,
    SteeringCommitteeDecision,
)
from poolfund.programmes.services.transfers import TRANSFERABLE_STATUSES
from poolfund.programmes.workflow import PROPONENTS

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Approved(TypedDict):
    """The time the Steering Committee approved the note (annotated by `_approval_time`)."""

    approved_at: datetime


def _note_task(kind: str, action, since: str = "updated_at"):
    def to_task(note: ConceptNote) -> Task:
        return Task(
            kind=kind,
            key=note.reference,
            action=action(note) if callable(action) else action,
            subject=f"{note.reference} {note.title}",
            url=reverse("programmes:concept-note", args=[note.reference]),
            since=getattr(note, since),
        )

    return to_task


def _notes(state_filter: Q) -> QuerySet[ConceptNote]:
    return ConceptNote.objects.filter(state_filter).only(
        "reference", "title", "state", "updated_at"
    )


@task_kind("programmes.screen", _("Concept notes to screen"), roles=(Role.FMU,))
def notes_to_screen(person: Person, limit: int | None) -> Waiting:
    notes = by_due_date(_notes(Q(state=State.SUBMITTED)), None, "updated_at")
    return first_tasks(notes, limit, _note_task("programmes.screen", _("Screen for eligibility")))


@task_kind(
    "programmes.score",
    _("Concept notes to score"),
    roles=(Role.FMU, Role.STEERING_COMMITTEE),
)
def notes_to_score(person: Person, limit: int | None) -> Waiting:
    """Screened notes this person has not scored yet (a reviewer never scores their own)."""
    notes = (
        _notes(Q(state__in=(State.SCREENED, State.UNDER_REVIEW)))
        .exclude(reviews__reviewer=person.user)
        .exclude(drafted_by=person.user)
        .annotate(screened_at=Max("screenings__screened_at"))
    )
    return first_tasks(
        by_due_date(notes, None, "screened_at"),
        limit,
        _note_task("programmes.score", _("Score against the criteria"), since="screened_at"),
    )


def _decision_to_take(note: ConceptNote):
    if note.state == State.IN_PIPELINE:
        return _("Approve for funding, or reject")
    return _("Prioritise into the pipeline, or reject")


@task_kind("programmes.decide", _("Decisions to take"), roles=(Role.STEERING_COMMITTEE,))
def decisions_to_take(person: Person, limit: int | None) -> Waiting:
    """Reviewed notes wait for prioritisation, notes in the pipeline for approval."""
    notes = _notes(
        Q(state=State.IN_PIPELINE) | Q(state=State.UNDER_REVIEW, reviews__isnull=False)
    ).distinct()
    return first_tasks(
        by_due_date(notes, None, "updated_at"),
        limit,
        _note_task("programmes.decide", _decision_to_take),
    )


def proponent_filter(person: Person) -> Q:
    """The notes a person speaks for: drafted by them, of their organisations, or covering
    their countries (directly or through a regional body)."""
    organisations = person.scopes(Role.ORGANISATION_FOCAL_POINT, "organisation")
    countries = person.scopes(Role.GOVERNMENT_FOCAL_POINT, "country")
    return (
        Q(drafted_by=person.user)
        | Q(budget_lines__organisation__in=organisations)
        | covering_any_of(countries)
    )


@task_kind("programmes.revise", _("Concept notes returned to you"), roles=PROPONENTS)
def notes_to_revise(person: Person, limit: int | None) -> Waiting:
    theirs = ConceptNote.objects.filter(proponent_filter(person)).values("pk")
    notes = _notes(Q(state=State.RETURNED, pk__in=theirs))
    return first_tasks(
        by_due_date(notes, None, "updated_at"),
        limit,
        _note_task("programmes.revise", _("Revise and submit again")),
    )


def _approval_time(note_field: str) -> Subquery:
    return Subquery(
        SteeringCommitteeDecision.objects.filter(
            concept_note=OuterRef(note_field), kind=DecisionKind.APPROVE
        )
        .order_by("-decided_at")
        .values("decided_at")[:1]
    )


@task_kind("programmes.create-joint-programme", _("Joint Programmes to create"), roles=(Role.FMU,))
def programmes_to_create(person: Person, limit: int | None) -> Waiting:
    notes = _notes(Q(state=State.APPROVED)).annotate(approved_at=_approval_time("pk"))
    return first_tasks(
        by_due_date(notes, None, "approved_at"),
        limit,
        _note_task(
            "programmes.create-joint-programme",
            _("Create the Joint Programme of the approved note"),
            since="approved_at",
        ),
    )


def _transfer_task(line: "WithAnnotations[ProgrammeBudgetLine, Approved]") -> Task:
    programme = line.programme
    return Task(
        kind="programmes.transfer",
        key=f"{programme.code}:{line.organisation.acronym}",
        action=_("Make the first transfer to %(organisation)s")
        % {"organisation": line.organisation.acronym},
        subject=f"{programme.code} {programme.title}",
        url=reverse("programmes:programme", args=[programme.code]),
        since=line.approved_at,
        due_on=programme.starts_on,
    )


@task_kind("programmes.transfer", _("Transfers to make"), roles=(Role.FMU,))
def transfers_to_make(person: Person, limit: int | None) -> Waiting:
    """Organisations of an active programme that have received nothing of their share yet;
    due on the day the programme starts (when it is known)."""
    transferred = ProgrammeTransfer.objects.filter(
        programme=OuterRef("programme"), organisation=OuterRef("organisation")
    )
    lines = (
        ProgrammeBudgetLine.objects.filter(programme__status__in=TRANSFERABLE_STATUSES)
        .filter(~Exists(transferred))
        .select_related("programme", "organisation")
        .only(
            "programme",
            "organisation",
            "programme__code",
            "programme__title",
            "programme__starts_on",
            "organisation__acronym",
        )
        .annotate(approved_at=_approval_time("programme__concept_note"))
    )
    return first_tasks(
        by_due_date(lines, "programme__starts_on", "approved_at"), limit, _transfer_task
    )
