"""Writes: sharing good practices and lessons, and judging suggested objectives. Each checks the
actor's right first (`actor=None` is system work); each saved record is re-indexed for search
and similar work when its transaction commits."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from poolfund.accounts.models import User
from poolfund.accounts.policy import require_unless_system
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.champions.models import Roadmap
from poolfund.errors import DomainError
from poolfund.framework.models import Objective
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country
from poolfund.knowledge.choices import SuggestionVerdict
from poolfund.knowledge.models import (
    ExchangeRecord,
    KnowledgeDocument,
    Lesson,
    ObjectiveSuggestionFeedback,
    Practice,
)
from poolfund.programmes.models import JointProgramme


class InvalidExchangeRecord(DomainError):
    code = "invalid_exchange_record"


def _countries(codes: Iterable[str]) -> list[Country]:
    wanted = {code.strip().upper() for code in codes if code.strip()}
    found = list(Country.objects.filter(iso3__in=wanted))
    unknown = wanted - {country.iso3 for country in found}
    if unknown:
        raise InvalidExchangeRecord(
            _("Unknown country codes: %(codes)s. Use ISO 3166 alpha-3 codes.")
            % {"codes": ", ".join(sorted(unknown))},
            fields={"countries": _("unknown code")},
        )
    return found


def _linked_work(programmes: Iterable[str], roadmaps: Iterable[int]) -> tuple[list, list]:
    """The Joint Programmes (by code) and roadmaps (by id) a practice or lesson comes from."""
    codes = {code.strip() for code in programmes if code.strip()}
    found_programmes = list(JointProgramme.objects.filter(code__in=codes))
    ids = {int(pk) for pk in roadmaps}
    found_roadmaps = list(Roadmap.objects.filter(pk__in=ids))
    unknown = sorted(codes - {programme.code for programme in found_programmes})
    unknown += [
        _("roadmap %(id)s") % {"id": pk}
        for pk in sorted(ids - {roadmap.pk for roadmap in found_roadmaps})
    ]
    if unknown:
        raise InvalidExchangeRecord(
            _("Unknown Joint Programmes or roadmaps: %(unknown)s.")
            % {"unknown": ", ".join(unknown)},
            fields={"programmes": _("unknown code"), "roadmaps": _("unknown id")},
        )
    return found_programmes, found_roadmaps


def gcm_objectives(numbers: Iterable[int]) -> list[Objective]:
    wanted = {int(number) for number in numbers}
    found = list(
        Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE, number__in=wanted)
    )
    unknown = wanted - {objective.number for objective in found}
    if unknown:
        raise InvalidExchangeRecord(
            _("The GCM has no objective %(numbers)s.")
            % {"numbers": ", ".join(str(n) for n in sorted(unknown))},
            fields={"objectives": _("unknown objective")},
        )
    return found


EXCHANGE_DETAILS = {
    "title",
    "problem",
    "what_was_done",
    "results",
    "conditions_for_transfer",
    "contact_name",
    "contact_email",
    "organisations",
    "year",
}
"""What a practice or lesson may be given besides its countries and objectives."""

REQUIRED_DETAILS = {
    "title": gettext_lazy("title"),
    "problem": gettext_lazy("problem"),
    "what_was_done": gettext_lazy("what was done"),
}


def _share(
    model: type[ExchangeRecord],
    *,
    actor: User | None,
    countries: Iterable[str],
    objectives: Iterable[int],
    programmes: Iterable[str],
    roadmaps: Iterable[int],
    **details,
) -> ExchangeRecord:
    unexpected = set(details) - EXCHANGE_DETAILS - {"lesson"}
    if unexpected:
        raise TypeError(f"Unexpected details: {', '.join(sorted(unexpected))}")
    missing = [name for name in REQUIRED_DETAILS if not str(details.get(name, "")).strip()]
    if missing:
        raise InvalidExchangeRecord(
            _("Please give the %(missing)s.")
            % {"missing": ", ".join(str(REQUIRED_DETAILS[name]) for name in missing)},
            fields={name: _("required") for name in missing},
        )
    details["organisations"] = list(details.get("organisations", ()))
    linked_programmes, linked_roadmaps = _linked_work(programmes, roadmaps)
    record = model.objects.create(created_by=actor, **details)
    record.countries.set(_countries(countries))
    record.objectives.set(gcm_objectives(objectives))
    record.programmes.set(linked_programmes)
    record.roadmaps.set(linked_roadmaps)
    record_event(actor=actor, action=AuditAction.CREATE, instance=record)
    return record


@transaction.atomic
def share_practice(
    *,
    actor: User | None,
    countries: Iterable[str] = (),
    objectives: Iterable[int] = (),
    programmes: Iterable[str] = (),
    roadmaps: Iterable[int] = (),
    **details,
) -> Practice:
    """Share a good practice: `details` are the `EXCHANGE_DETAILS` (title, problem and what
    was done are required); countries by ISO alpha-3 code, objectives by GCM number, the
    Joint Programmes and roadmaps it comes from by code and id."""
    require_unless_system(actor, "knowledge.share_experience")
    return _share(
        Practice,
        actor=actor,
        countries=countries,
        objectives=objectives,
        programmes=programmes,
        roadmaps=roadmaps,
        **details,
    )


@transaction.atomic
def share_lesson(
    *,
    actor: User | None,
    lesson: str,
    countries: Iterable[str] = (),
    objectives: Iterable[int] = (),
    programmes: Iterable[str] = (),
    roadmaps: Iterable[int] = (),
    **details,
) -> Lesson:
    """Share a lesson learned: what was learned, and the details of `share_practice`."""
    require_unless_system(actor, "knowledge.share_experience")
    if not lesson.strip():
        raise InvalidExchangeRecord(
            _("Please say what was learned."), fields={"lesson": _("required")}
        )
    return _share(
        Lesson,
        actor=actor,
        countries=countries,
        objectives=objectives,
        programmes=programmes,
        roadmaps=roadmaps,
        lesson=lesson,
        **details,
    )


@transaction.atomic
def judge_objective_suggestion(
    *,
    actor: User | None,
    text: str,
    objective_number: int,
    accepted: bool,
    confidence: float | None = None,
    document: KnowledgeDocument | None = None,
) -> ObjectiveSuggestionFeedback:
    """Keep a person's verdict on a suggested objective; accepted ones teach later suggestions."""
    require_unless_system(actor, "knowledge.judge_suggestion")
    if not text.strip():
        raise InvalidExchangeRecord(_("There is no text to judge a suggestion for."))
    (objective,) = gcm_objectives([objective_number])
    feedback = ObjectiveSuggestionFeedback.objects.create(
        text=text,
        objective=objective,
        confidence=confidence,
        verdict=SuggestionVerdict.ACCEPTED if accepted else SuggestionVerdict.REJECTED,
        document=document,
        given_by=actor,
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=feedback)
    return feedback
