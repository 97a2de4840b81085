"""The demo data of the programme cycle: the 16 Joint Programmes of the Americas brief, the
participating UN organisations and the default scoring criteria. Idempotent.

The brief gives each programme's countries, thematic area, budget and description; everything
else (code, title, dates, status, organisations, objectives) is listed in the programme's
`not_stated_in_source`, and the objectives loaded are flagged as suggested."""

import json
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

from django.db import transaction

from poolfund.accounts.models import User
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.framework.models import Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country, RegionalBody
from poolfund.programmes.models import (
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeObjective,
    ScoringCriterion,
)
from poolfund.programmes.revisions import Move, extend_programme, revise_budget
from poolfund.programmes.services.budget_lines import create_budget_lines
from poolfund.programmes.services.expenditure import record_expenditure
from poolfund.programmes.services.transfers import transfer_to_organisation
from poolfund.reporting.services import regenerate_calendar

LOADER = "system: load-demo"
DEMO_FMU = "demo-fmu"


def read_data(name: str) -> dict[str, Any]:
    return json.loads((resources.files("poolfund.programmes") / "data" / name).read_text("utf-8"))


@transaction.atomic
def load_reference_data() -> None:
    data = read_data("participating_organisations.json")
    for organisation in data["organisations"]:
        ParticipatingOrganisation.objects.update_or_create(
            acronym=organisation["acronym"], defaults={"name": organisation["name"]}
        )
    for criterion in data["scoring_criteria"]["criteria"]:
        ScoringCriterion.objects.get_or_create(
            code=criterion["code"],
            defaults={"name": criterion["name"], "weight": criterion["weight"]},
        )


def placeholder_title(countries: list[Country], body: RegionalBody | None, area: int) -> str:
    place = body.acronym if body else " and ".join(country.name for country in countries)
    return f"{place} Joint Programme (thematic area {area})"


@transaction.atomic
def load_americas_programmes() -> int:
    """Create or update the brief's funded programmes; returns how many."""
    data = read_data("americas_programmes.json")
    areas = {area.number: area for area in ThematicArea.objects.filter(framework__code="gcm")}
    objectives = {
        objective.number: objective
        for objective in Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE)
    }
    for item in data["programmes"]:
        countries = list(Country.objects.filter(iso3__in=item["countries"]).order_by("name"))
        body = (
            RegionalBody.objects.get(code=item["regional_body"])
            if item.get("regional_body")
            else None
        )
        facts = {
            "title": placeholder_title(countries, body, item["thematic_area"]),
            "description": item["description"],
            "thematic_area": areas[item["thematic_area"]],
            "budget_usd": Decimal(item["budget_usd"]),
        }
        # What the brief does not state is marked once, at creation: a later record (the
        # illustrative dates, a real start date) fills it, and loading again must not undo it.
        programme, created = JointProgramme.objects.update_or_create(
            code=item["code"],
            defaults=facts,
            create_defaults={
                **facts,
                "not_stated_in_source": data["not_stated_in_source"],
                "source": f"{data['source']} ({item['place_in_source']})",
            },
        )
        programme.countries.set(countries)
        programme.regional_bodies.set([body] if body else [])
        for number in item["suggested_objectives"]:
            ProgrammeObjective.objects.get_or_create(
                programme=programme,
                objective=objectives[number],
                defaults={"is_suggested": True},
            )
        if created:
            record_event(
                actor=None,
                action=AuditAction.CREATE,
                instance=programme,
                actor_label=LOADER,
                reason=data["source"],
            )
    return len(data["programmes"])


ILLUSTRATIVE_FIELDS = ("starts_on", "ends_on", "organisations")


@transaction.atomic
def load_illustrative_revisions(write) -> None:
    """One programme of the brief gets illustrative dates and shares, transfers, expenditure, a
    budget revision and a no-cost extension (`data/illustrative_revisions.json`, marked as
    invented), recorded by the demo FMU login through the services. Loaded once, only where
    the demo logins exist."""
    fmu = User.objects.filter(username=DEMO_FMU).first()
    if fmu is None:
        write("Illustrative revision and extension skipped: they need the demo logins.")
        return
    data = read_data("illustrative_revisions.json")
    programme = JointProgramme.objects.get(code=data["programme"])
    if programme.extensions.exists() or programme.budget_revisions.exists():
        write(f"Illustrative revision and extension of {programme.code} (already loaded).")
        return
    if not programme.budget_lines.exists():
        give_illustrative_shares(programme, data)
    record_illustrative_money(fmu, programme, data)
    revision = data["revision"]
    revise_budget(
        actor=fmu,
        programme=programme,
        moves=[
            Move(
                from_organisation=ParticipatingOrganisation.objects.get(acronym=move["from"]),
                to_organisation=ParticipatingOrganisation.objects.get(acronym=move["to"]),
                amount_usd=Decimal(move["amount_usd"]),
            )
            for move in revision["moves"]
        ],
        effective_on=date.fromisoformat(revision["effective_on"]),
        reason=revision["reason"],
    )
    extension = data["extension"]
    extend_programme(
        actor=fmu,
        programme=programme,
        new_end=date.fromisoformat(extension["new_end"]),
        reason=extension["reason"],
        approved_by=extension["approved_by"],
        approved_on=date.fromisoformat(extension["approved_on"]),
    )
    write(f"Illustrative revision and extension of {programme.code} loaded.")


def record_illustrative_money(fmu: User, programme: JointProgramme, data: dict) -> None:
    """Transfers from the unearmarked pool and expenditure reported, through the services."""
    for transfer in data["transfers"]:
        transfer_to_organisation(
            actor=fmu,
            programme=programme,
            organisation=ParticipatingOrganisation.objects.get(acronym=transfer["organisation"]),
            amount_usd=Decimal(transfer["amount_usd"]),
            occurred_on=date.fromisoformat(transfer["occurred_on"]),
            memo=f"{programme.code}: illustrative transfer to {transfer['organisation']}",
        )
    for spent in data["expenditure"]:
        record_expenditure(
            actor=fmu,
            programme=programme,
            organisation=ParticipatingOrganisation.objects.get(acronym=spent["organisation"]),
            period_start=date.fromisoformat(spent["period_start"]),
            period_end=date.fromisoformat(spent["period_end"]),
            amount_usd=Decimal(spent["amount_usd"]),
        )


def give_illustrative_shares(programme: JointProgramme, data: dict) -> None:
    """Dates and shares by organisation the brief does not give, marked in the source."""
    before = snapshot(programme)
    programme.starts_on = date.fromisoformat(data["starts_on"])
    programme.ends_on = date.fromisoformat(data["ends_on"])
    programme.not_stated_in_source = [
        field for field in programme.not_stated_in_source if field not in ILLUSTRATIVE_FIELDS
    ]
    # The file's own note says why; the source (300 characters at most) only points to it.
    programme.source += (
        " — dates and shares illustrative (programmes/data/illustrative_revisions.json)"
    )
    programme.save()
    create_budget_lines(
        programme,
        [
            (ParticipatingOrganisation.objects.get(acronym=acronym), Decimal(share))
            for acronym, share in data["shares_usd"].items()
        ],
        programme.indirect_cost_rate,
    )
    record_event(
        actor=None,
        action=AuditAction.UPDATE,
        instance=programme,
        before=before,
        actor_label=LOADER,
        reason="illustrative dates and shares for the demo",
    )
    regenerate_calendar(programme=programme, actor_label=LOADER)
