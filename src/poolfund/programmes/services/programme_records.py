"""Joint Programmes recorded from the Fund's own records (approved before PoolFund)."""

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
from poolfund.framework.models import Objective, ThematicArea
from poolfund.geo.models import Country, RegionalBody
from poolfund.programmes.choices import JointProgrammeStatus
from poolfund.programmes.errors import BudgetRuleBroken, IllegalTransition, InvalidConceptNote
from poolfund.programmes.models import (
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeObjective,
)
from poolfund.programmes.selectors import transferred_by_organisation
from poolfund.programmes.services.budget_lines import create_budget_lines


@dataclass(frozen=True)
class ProgrammeRecord:
    """A Joint Programme as the Fund's own records give it (approved before PoolFund)."""

    code: str
    title: str
    description: str
    thematic_area: ThematicArea
    countries: Sequence[Country]
    regional_bodies: Sequence[RegionalBody]
    budget_usd: Decimal
    budget_lines: Sequence[tuple[ParticipatingOrganisation, Decimal]]
    objectives: Sequence[Objective] = ()
    suggested_objectives: Sequence[Objective] = ()
    indirect_cost_rate: Decimal = Decimal("0.07")
    status: JointProgrammeStatus = JointProgrammeStatus.ACTIVE
    starts_on: date | None = None
    ends_on: date | None = None
    not_stated_in_source: Sequence[str] = ()
    source: str = ""


def _programme_problems(record: ProgrammeRecord) -> dict[str, str]:
    problems = {}
    if not record.code.strip():
        problems["code"] = gettext("A Joint Programme needs a code.")
    if not record.countries and not record.regional_bodies:
        problems["countries"] = gettext("A Joint Programme names its countries or a regional body.")
    if record.budget_usd <= 0:
        problems["budget_usd"] = gettext("A Joint Programme's budget is more than zero.")
    if not Decimal(0) <= record.indirect_cost_rate < 1:
        problems["indirect_cost_rate"] = gettext(
            "The indirect cost rate is a fraction between 0 and 1."
        )
    if record.starts_on and record.ends_on and record.ends_on <= record.starts_on:
        problems["ends_on"] = gettext("A Joint Programme ends after it starts.")
    if set(record.suggested_objectives) - set(record.objectives):
        problems["suggested_objectives"] = gettext("Suggested objectives are among the objectives.")
    organisations = [organisation for organisation, _amount in record.budget_lines]
    split = sum((amount for _organisation, amount in record.budget_lines), Decimal(0))
    if len(set(organisations)) != len(organisations):
        problems["budget_lines"] = gettext("Each organisation has one share of the budget.")
    elif record.budget_lines and split != record.budget_usd:
        problems["budget_lines"] = gettext(
            "The organisations' shares add up to USD %(split)s, not to the budget's USD %(budget)s."
        ) % {"split": split, "budget": record.budget_usd}
    elif not record.budget_lines and "organisations" not in record.not_stated_in_source:
        problems["budget_lines"] = gettext(
            "Give each participating organisation's share of the budget (or list "
            "'organisations' as not stated in the source)."
        )
    return problems


def _write_programme_record(programme: JointProgramme, record: ProgrammeRecord) -> None:
    programme.countries.set(record.countries)
    programme.regional_bodies.set(record.regional_bodies)
    suggested = set(record.suggested_objectives)
    programme.programmeobjective_set.all().delete()
    ProgrammeObjective.objects.bulk_create(
        ProgrammeObjective(
            programme=programme, objective=objective, is_suggested=objective in suggested
        )
        for objective in record.objectives
    )
    transferred = transferred_by_organisation(programme)
    for organisation, amount in record.budget_lines:
        if amount < transferred.get(organisation.pk, Decimal(0)):
            raise BudgetRuleBroken(
                gettext(
                    "%(organisation)s has received USD %(received)s for %(code)s, more than the "
                    "USD %(amount)s share given."
                )
                % {
                    "organisation": organisation,
                    "received": f"{transferred[organisation.pk]:,.2f}",
                    "code": programme.code,
                    "amount": f"{amount:,.2f}",
                },
                fields={"budget_lines": gettext("less than transferred")},
            )
    kept = {organisation.pk for organisation, _amount in record.budget_lines}
    if missing := set(transferred) - kept:
        names = ", ".join(
            ParticipatingOrganisation.objects.filter(pk__in=missing).values_list(
                "acronym", flat=True
            )
        )
        raise BudgetRuleBroken(
            gettext("%(names)s received transfers for %(code)s and keep a share of its budget.")
            % {"names": names, "code": programme.code},
            fields={"budget_lines": gettext("an organisation with transfers is missing")},
        )
    programme.budget_lines.all().delete()
    create_budget_lines(programme, record.budget_lines, record.indirect_cost_rate)


def programme_record_of(programme: JointProgramme) -> dict:
    """What `record_joint_programme` compares: the programme's fields, places, objectives and
    budget split, as plain values."""
    links = list(programme.programmeobjective_set.all())
    return {
        **snapshot(programme),
        "countries": sorted(country.iso3 for country in programme.countries.all()),
        "regional_bodies": sorted(body.code for body in programme.regional_bodies.all()),
        "objectives": [link.objective.number for link in links],
        "suggested_objectives": [link.objective.number for link in links if link.is_suggested],
        "budget_lines": [
            f"{line.organisation.acronym} {line.total_usd}" for line in programme.budget_lines.all()
        ],
    }


@transaction.atomic
def record_joint_programme(
    *, actor: User, record: ProgrammeRecord, reason: str = ""
) -> tuple[JointProgramme, bool]:
    """Create the Joint Programme `record.code`, or bring the existing one in line with the
    record. A status is the record's when the programme is created; afterwards it changes only
    on the programme's page (no-cost extension, operational and financial closure), whose
    services check what each move needs. Returns the programme and whether it was created."""
    require(actor, "programmes.record_programme")
    if problems := _programme_problems(record):
        raise InvalidConceptNote(next(iter(problems.values())), fields=problems)
    fields = {
        "title": record.title,
        "description": record.description,
        "thematic_area": record.thematic_area,
        "budget_usd": record.budget_usd,
        "indirect_cost_rate": record.indirect_cost_rate,
        "starts_on": record.starts_on,
        "ends_on": record.ends_on,
        "not_stated_in_source": list(record.not_stated_in_source),
        "source": record.source,
    }
    programme = JointProgramme.objects.select_for_update().filter(code=record.code).first()
    if programme is None:
        programme = JointProgramme.objects.create(code=record.code, status=record.status, **fields)
        _write_programme_record(programme, record)
        record_event(actor=actor, action=AuditAction.CREATE, instance=programme, reason=reason)
        return programme, True
    if programme.status != record.status:
        raise IllegalTransition(
            gettext(
                "%(code)s is %(status)s: its status changes on its page (no-cost extension, "
                "closure), not from a record."
            )
            % {"code": programme.code, "status": programme.get_status_display().lower()},
            fields={"status": gettext("changes on the programme's page")},
        )
    before = programme_record_of(programme)
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.save(update_fields=list(fields))
    _write_programme_record(programme, record)
    programme = JointProgramme.objects.get(pk=programme.pk)
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=programme,
        before=before,
        after=programme_record_of(programme),
        reason=reason,
    )
    return programme, False
