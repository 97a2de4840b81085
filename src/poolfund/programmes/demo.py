"""The demo data of the programme cycle: the 16 Joint Programmes of the Americas brief, the
participating UN organisations and the default scoring criteria. Idempotent.

The brief gives each programme's countries, thematic area, budget and description; everything
else (code, title, dates, status, organisations, objectives) is listed in the programme's
`not_stated_in_source`, and the objectives loaded are flagged as suggested."""

import json
from decimal import Decimal
from importlib import resources
from typing import Any

from django.db import transaction

from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.framework.models import Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country, RegionalBody
from poolfund.programmes.models import (
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeObjective,
    ScoringCriterion,
)

LOADER = "system: load-demo"


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
        programme, created = JointProgramme.objects.update_or_create(
            code=item["code"],
            defaults={
                "title": placeholder_title(countries, body, item["thematic_area"]),
                "description": item["description"],
                "thematic_area": areas[item["thematic_area"]],
                "budget_usd": Decimal(item["budget_usd"]),
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
