"""What a proponent writes in a concept note: drafting it and revising it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.framework.models import GuidingPrinciple, Objective, ThematicArea
from poolfund.geo.models import Country, RegionalBody
from poolfund.programmes.errors import IllegalTransition, InvalidConceptNote
from poolfund.programmes.models import (
    ConceptNote,
    ConceptNoteBudgetLine,
    NationalPartner,
    ParticipatingOrganisation,
)
from poolfund.programmes.selectors import is_proponent
from poolfund.programmes.workflow import EDITABLE_STATES


@dataclass
class ConceptNoteContent:
    """What a proponent writes in a concept note; validated as a whole."""

    title: str
    summary: str
    thematic_area: ThematicArea
    objectives: Sequence[Objective]
    requested_budget_usd: Decimal
    budget_lines: Sequence[tuple[ParticipatingOrganisation, Decimal]]
    duration_months: int
    gender_marker: int
    human_rights_marker: int
    child_sensitivity_marker: int
    countries: Sequence[Country] = ()
    regional_bodies: Sequence[RegionalBody] = ()
    guiding_principles: Sequence[GuidingPrinciple] = ()
    national_partners: Sequence[NationalPartner] = ()
    single_organisation_exception: bool = False
    exception_justification: str = ""
    whole_of_government: str = ""
    whole_of_society: str = ""
    roadmap_reference: str = ""

    def validate(self) -> None:
        """Refuse a note that breaks the Fund's rules, naming every broken rule."""
        problems: dict[str, str] = {}
        if not self.title.strip():
            problems["title"] = gettext("A concept note needs a title.")
        if not self.countries and not self.regional_bodies:
            problems["countries"] = gettext("Name at least one country or regional body.")
        if not self.objectives:
            problems["objectives"] = gettext("Choose at least one GCM objective.")
        elif not any(o.thematic_area_id == self.thematic_area.pk for o in self.objectives):
            problems["objectives"] = gettext(
                "At least one objective must belong to thematic area %(number)s; the "
                "cross-cutting objective 23 may be added to any area but does not count as one "
                "of its objectives."
            ) % {"number": self.thematic_area.number}
        if not 1 <= self.duration_months <= 120:
            problems["duration_months"] = gettext("The duration is between 1 and 120 months.")
        problems.update(budget_problems(self))
        if problems:
            raise InvalidConceptNote(" ".join(problems.values()), fields=problems)


def budget_problems(content: ConceptNoteContent) -> dict[str, str]:
    problems: dict[str, str] = {}
    organisations = [organisation.pk for organisation, _amount in content.budget_lines]
    if len(set(organisations)) != len(organisations):
        problems["budget_lines"] = gettext("Each organisation appears once in the budget split.")
    if any(amount <= 0 for _organisation, amount in content.budget_lines):
        problems["budget_lines"] = gettext("Each organisation's share is a positive amount.")
    if content.requested_budget_usd <= 0:
        problems["requested_budget_usd"] = gettext("The requested budget is a positive amount.")
    if len(set(organisations)) < 2 and not content.single_organisation_exception:
        problems["budget_lines"] = gettext(
            "A Joint Programme has at least two participating UN organisations "
            "(or is marked as an exception, with its reason)."
        )
    if content.single_organisation_exception and not content.exception_justification.strip():
        problems["exception_justification"] = gettext("Say why this note is an exception.")
    split = sum((amount for _organisation, amount in content.budget_lines), Decimal("0"))
    if split != content.requested_budget_usd:
        problems["requested_budget_usd"] = gettext(
            "The split by organisation adds up to USD %(split)s, not the requested "
            "USD %(requested)s."
        ) % {"split": f"{split:,.2f}", "requested": f"{content.requested_budget_usd:,.2f}"}
    return problems


def _next_reference() -> str:
    year = date.today().year
    count = ConceptNote.objects.filter(reference__startswith=f"CN-{year}-").count()
    return f"CN-{year}-{count + 1:04d}"


def _write_content(note: ConceptNote, content: ConceptNoteContent) -> None:
    for field in (
        "title",
        "summary",
        "thematic_area",
        "requested_budget_usd",
        "duration_months",
        "gender_marker",
        "human_rights_marker",
        "child_sensitivity_marker",
        "single_organisation_exception",
        "exception_justification",
        "whole_of_government",
        "whole_of_society",
        "roadmap_reference",
    ):
        setattr(note, field, getattr(content, field))
    note.save()
    note.countries.set(content.countries)
    note.regional_bodies.set(content.regional_bodies)
    note.objectives.set(content.objectives)
    note.guiding_principles.set(content.guiding_principles)
    note.national_partners.set(content.national_partners)
    note.budget_lines.all().delete()
    ConceptNoteBudgetLine.objects.bulk_create(
        ConceptNoteBudgetLine(concept_note=note, organisation=organisation, amount_usd=amount)
        for organisation, amount in content.budget_lines
    )


@transaction.atomic
def draft_concept_note(*, actor: User, content: ConceptNoteContent) -> ConceptNote:
    """Start a concept note. The drafter must speak for one of its organisations or countries."""
    require(actor, "programmes.draft_concept_note")
    content.validate()
    note = ConceptNote(reference=_next_reference(), drafted_by=actor)
    _write_content(note, content)
    if not is_proponent(actor, note):
        raise InvalidConceptNote(
            gettext(
                "You can only draft a concept note for your own organisation or country: add "
                "your organisation to the budget split or your country to the countries."
            )
        )
    record_event(actor=actor, action=AuditAction.CREATE, instance=note, reason="drafted")
    return note


@transaction.atomic
def revise_concept_note(
    *, actor: User, note: ConceptNote, content: ConceptNoteContent, reason: str = ""
) -> ConceptNote:
    note = ConceptNote.objects.select_for_update().get(pk=note.pk)
    require(actor, "programmes.revise_concept_note", note)
    if note.state not in EDITABLE_STATES:
        raise IllegalTransition(
            gettext(
                "A concept note that is %(state)s cannot be changed; only drafts and notes "
                "returned for revision can."
            )
            % {"state": note.get_state_display().lower()}
        )
    content.validate()
    before = snapshot(note)
    _write_content(note, content)
    record_event(
        actor=actor, action=AuditAction.UPDATE, instance=note, before=before, reason=reason
    )
    return note


def content_of(note: ConceptNote) -> ConceptNoteContent:
    return ConceptNoteContent(
        title=note.title,
        summary=note.summary,
        thematic_area=note.thematic_area,
        objectives=list(note.objectives.all()),
        requested_budget_usd=note.requested_budget_usd,
        budget_lines=[(line.organisation, line.amount_usd) for line in note.budget_lines.all()],
        duration_months=note.duration_months,
        gender_marker=note.gender_marker,
        human_rights_marker=note.human_rights_marker,
        child_sensitivity_marker=note.child_sensitivity_marker,
        countries=list(note.countries.all()),
        regional_bodies=list(note.regional_bodies.all()),
        guiding_principles=list(note.guiding_principles.all()),
        national_partners=list(note.national_partners.all()),
        single_organisation_exception=note.single_organisation_exception,
        exception_justification=note.exception_justification,
        whole_of_government=note.whole_of_government,
        whole_of_society=note.whole_of_society,
        roadmap_reference=note.roadmap_reference,
    )
