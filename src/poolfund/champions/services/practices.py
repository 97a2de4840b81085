"""Writes of the good practices the champion countries share."""

from collections.abc import Iterable

from django.db import transaction

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.champions.models import GoodPractice


@transaction.atomic
def record_good_practice(
    *,
    actor,
    title: str,
    country,
    description: str,
    objectives: Iterable = (),
    results: str = "",
    contact: str = "",
    links: Iterable[str] = (),
) -> GoodPractice:
    require(actor, "champions.record_good_practice", country)
    practice = GoodPractice.objects.create(
        title=title,
        country=country,
        description=description,
        results=results,
        contact=contact,
        links=list(links),
        recorded_by=actor,
    )
    practice.objectives.set(objectives)
    record_event(actor=actor, action=AuditAction.CREATE, instance=practice)
    return practice
