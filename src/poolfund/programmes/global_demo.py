"""Illustrative Joint Programmes in every region the Fund works in (Africa, Asia and the
Pacific, Europe and Central Asia, Middle East and North Africa, the Americas), so that the
dashboards, the 360-degree balance and a brief for each region have something to show.

They are invented, and say so: their code starts with ILLUSTRATIVE-, their title ends with
"(illustrative)", their source says they are not the Fund's, and every field the demo makes up
is listed in `not_stated_in_source`. Idempotent; `remove` takes nothing else away."""

from decimal import Decimal

from django.db import transaction

from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.framework.models import ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country
from poolfund.programmes.demo import read_data
from poolfund.programmes.models import (
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeBudgetLine,
)
from poolfund.programmes.services.budget_lines import (
    default_indirect_cost_rate,
    split_indirect_cost,
)

DATA_FILE = "illustrative_global_programmes.json"
LOADER = "system: generate-demo --global"
ILLUSTRATIVE_PREFIX = "ILLUSTRATIVE-"


def illustrative_regions() -> list[dict]:
    """The Fund's regions, each with the UN M49 region whose brief shows its programmes."""
    return read_data(DATA_FILE)["regions"]


@transaction.atomic
def load_illustrative_programmes() -> int:
    """Create the illustrative programmes not there yet; returns how many were created."""
    data = read_data(DATA_FILE)
    areas = {
        area.number: area
        for area in ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE)
    }
    organisations = {o.acronym: o for o in ParticipatingOrganisation.objects.all()}
    rate = default_indirect_cost_rate()
    created = 0
    for region in data["regions"]:
        for item in region["programmes"]:
            if JointProgramme.objects.filter(code=item["code"]).exists():
                continue
            countries = list(Country.objects.filter(iso3__in=item["countries"]).order_by("name"))
            programme = JointProgramme.objects.create(
                code=item["code"],
                title=f"{' and '.join(c.name for c in countries)} Joint Programme (illustrative)",
                description=(
                    f"An illustrative programme in {region['fund_region']} for the demo; not a "
                    "programme of the Fund."
                ),
                thematic_area=areas[item["thematic_area"]],
                budget_usd=Decimal(item["budget_usd"]),
                indirect_cost_rate=rate,
                not_stated_in_source=data["not_stated_in_source"],
                source=data["source"],
            )
            programme.countries.set(countries)
            lines = []
            for acronym, amount in item["budget_lines"]:
                direct, indirect = split_indirect_cost(Decimal(amount), rate)
                lines.append(
                    ProgrammeBudgetLine(
                        programme=programme,
                        organisation=organisations[acronym],
                        direct_cost_usd=direct,
                        indirect_cost_usd=indirect,
                    )
                )
            ProgrammeBudgetLine.objects.bulk_create(lines)
            record_event(
                actor=None,
                action=AuditAction.CREATE,
                instance=programme,
                actor_label=LOADER,
                reason=data["source"],
            )
            created += 1
    return created
