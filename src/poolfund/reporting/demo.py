"""Illustrative reporting for `make run`: for six of the Americas brief's programmes, a results
framework and last year's reports, one in each state (due, submitted, returned for revision,
accepted, overdue), brought there by the demo logins through the services, so a newcomer sees
the cycle working. Everything comes from `data/demo_reporting.json`, which says it is
illustrative; the brief states none of it. Loaded only where the demo logins exist (DEBUG on);
idempotent."""

import datetime
import json
from decimal import Decimal
from importlib import resources

from django.db import transaction

from poolfund.accounts.models import User
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.programmes.models import JointProgramme, ParticipatingOrganisation
from poolfund.reporting.choices import ReportKind
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.services import accept_report, return_report, submit_report
from poolfund.results.services import (
    ReportedValue,
    define_indicator,
    define_outcome,
    define_output,
    save_progress,
)

FOCAL_POINT, FMU = "demo-organisation-focal-point", "demo-fmu"
LOADER = "system: load-demo (illustrative reporting)"


def read_data() -> dict:
    text = (resources.files("poolfund.reporting") / "data" / "demo_reporting.json").read_text(
        "utf-8"
    )
    return json.loads(text)


def scheduled(programme, kind, organisation, year: int, due_on) -> ScheduledReport:
    report = ScheduledReport.objects.create(
        programme=programme,
        kind=kind,
        organisation=organisation,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        calendar_due_on=due_on,
        due_on=due_on,
    )
    record_event(
        actor=None,
        actor_label=LOADER,
        action=AuditAction.CREATE,
        instance=report,
        after=snapshot(report),
        reason="illustrative demo data",
    )
    return report


def framework(item: dict, programme, fmu) -> list:
    outcome = define_outcome(
        actor=fmu, programme=programme, code="1", statement=item["framework"]["outcome"]
    )
    output = define_output(
        actor=fmu, outcome=outcome, code="1.1", statement=item["framework"]["output"]
    )
    return [
        (
            define_indicator(
                actor=fmu,
                output=output,
                code=f"1.1.{number}",
                description=indicator["description"],
                unit=indicator["unit"],
                baseline=Decimal(indicator["baseline"]),
                target=Decimal(indicator["target"]),
                disaggregations=indicator["disaggregations"],
                objectives=indicator["objectives"],
            ),
            indicator["value"],
        )
        for number, indicator in enumerate(item["framework"]["indicators"], start=1)
    ]


def load_programme(item: dict, *, organisation, today, focal_point, fmu) -> None:
    programme = JointProgramme.objects.get(code=item["code"])
    indicators = framework(item, programme, fmu)
    year = today.year - 1
    due_on = today + datetime.timedelta(days=item["due_in_days"])
    scheduled(programme, ReportKind.ANNUAL_FINANCIAL, organisation, year, due_on)
    report = scheduled(programme, ReportKind.ANNUAL_PROGRESS, None, year, due_on)
    if item["state"] in ("due", "overdue"):
        return
    values = [
        ReportedValue(
            indicator,
            Decimal(value["total"]),
            {
                dimension: {group: Decimal(number) for group, number in groups.items()}
                for dimension, groups in value.get("breakdown", {}).items()
            },
        )
        for indicator, value in indicators
        if value is not None
    ]
    save_progress(actor=focal_point, report=report, narrative=item["narrative"], values=values)
    submit_report(actor=focal_point, report=report)
    if item["state"] == "returned":
        return_report(actor=fmu, report=report, comment=item["comment"])
    if item["state"] == "accepted":
        accept_report(actor=fmu, report=report, comment="Illustrative: accepted.")


@transaction.atomic
def load_demo_reporting(write, today: datetime.date | None = None) -> None:
    people = {user.username: user for user in User.objects.filter(username__in=[FOCAL_POINT, FMU])}
    if len(people) < 2:
        write("Demo reporting skipped: it needs the demo logins (DEBUG on).")
        return
    data = read_data()
    codes = [item["code"] for item in data["programmes"]]
    if ScheduledReport.objects.filter(programme__code__in=codes).exists():
        write("Demo reporting: already loaded.")
        return
    organisation = ParticipatingOrganisation.objects.get(acronym=data["organisation"])
    for item in data["programmes"]:
        load_programme(
            item,
            organisation=organisation,
            today=today or datetime.date.today(),
            focal_point=people[FOCAL_POINT],
            fmu=people[FMU],
        )
    write(f"Demo reporting (illustrative): {len(codes)} programmes, one report in each state.")
