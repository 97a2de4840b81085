"""The Fund's IATI activity file: every Joint Programme that can be published, and those
withheld with the reason."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from poolfund.errors import DomainError
from poolfund.iati.activity import Activity
from poolfund.iati.programme_activity import ProgrammeActivity, published_programmes
from poolfund.iati.writer import checked_activities_xml
from poolfund.programmes.models import JointProgramme


@dataclass(frozen=True)
class Withheld:
    """A programme left out of the file, and why."""

    code: str
    reason: str


class NothingToPublish(DomainError):
    code = "nothing_to_publish"


NO_DATE = "no date is known (neither its start or end, nor a transfer): an IATI activity needs one"


@dataclass
class Export:
    """The activities of an export, and the programmes it had to leave out."""

    activities: list[Activity]
    withheld: list[Withheld]


def programme_export(
    programmes: QuerySet[JointProgramme] | None = None, *, today: datetime.date | None = None
) -> Export:
    """Every programme that can be published; a programme whose records hold no date at all
    is withheld (the schema requires an activity-date and none is invented)."""
    found = published_programmes() if programmes is None else programmes
    export = Export(activities=[], withheld=[])
    for programme in found:
        activity = ProgrammeActivity(programme, today).build()
        if activity.dates:
            export.activities.append(activity)
        else:
            export.withheld.append(Withheld(programme.code, NO_DATE))
    return export


def programme_activities(programmes: QuerySet[JointProgramme] | None = None) -> list[Activity]:
    return programme_export(programmes).activities


def activities_file(activities: list[Activity]) -> bytes:
    if not activities:
        raise NothingToPublish(
            _("No Joint Programme can be published to IATI yet: none has a known date.")
        )
    return checked_activities_xml(activities, with_rules=True)


def programme_activities_xml(programmes: QuerySet[JointProgramme] | None = None) -> bytes:
    """The IATI 2.03 activity file of the publishable Joint Programmes, checked against the
    schema."""
    return activities_file(programme_activities(programmes))
