"""The export as the IATI Registry expects it of a large publisher: activity files split by
recipient country or by year, the organisation file beside them, and a machine-readable list
of the files (`datasets.json`: name, title, licence, file, type, what each holds, size and
SHA-256, as the Registry's dataset metadata names them where it has a name).

Dataset names follow the Registry's convention `<publisher>-<suffix>`: the ISO country code
in lower case, `998` for activities in several countries or only in regions (the code the
Registry's publishers use for "regional/multi-country"), or the year the activity started."""

import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings

from poolfund.iati.activity import Activity
from poolfund.iati.activity_file import activities_file, programme_export
from poolfund.iati.codelists import codelist
from poolfund.iati.organisation_file import organisation_xml

MULTI_COUNTRY = "998"
START_TYPES = ("2", "1")  # ActivityDateType: the actual start, else the planned one
# The Registry's (CKAN's) licence id for "License not specified": the Fund's open-data page
# states no licence, so the files claim none.
LICENSE_ID = "notspecified"


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    license_id: str
    file: str
    file_type: str  # activity or organisation
    activities: int
    countries: list[str]
    years: list[int]
    bytes: int
    sha256: str


def by_country(activity: Activity) -> str:
    codes = {share.code for share in activity.countries}
    if len(codes) == 1 and not activity.regions:
        return codes.pop().lower()
    return MULTI_COUNTRY


def start_year(activity: Activity) -> int:
    """The year of the actual start, else the planned start, else the first date known."""
    for date_type in START_TYPES:
        if date_type in activity.dates:
            return activity.dates[date_type].year
    return min(activity.dates.values()).year


def by_year(activity: Activity) -> str:
    return str(start_year(activity))


SPLITS = {"country": by_country, "year": by_year}


def country_title(suffix: str) -> str:
    if suffix == MULTI_COUNTRY:
        return "activities in several countries or regions"
    return f"activities in {codelist('Country').name_of(suffix.upper())}"


def year_title(suffix: str) -> str:
    return f"activities started in {suffix}"


TITLES = {"country": country_title, "year": year_title}


def dataset_title(what: str) -> str:
    return f"{settings.IATI_FUND_NAME}: {what}"


def publisher() -> str:
    return settings.IATI_REGISTRY_PUBLISHER


def _dataset(
    name: str, title: str, path: Path, file_type: str, activities: list[Activity]
) -> Dataset:
    content = path.read_bytes()
    return Dataset(
        name=name,
        title=title,
        license_id=LICENSE_ID,
        file=path.name,
        file_type=file_type,
        activities=len(activities),
        countries=sorted({share.code for a in activities for share in a.countries}),
        years=sorted({start_year(a) for a in activities}),
        bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def write_registry_files(directory: Path, *, split: str = "country") -> list[Dataset]:
    """Write the organisation file, one activity file per group and `datasets.json` into
    `directory`; each file is checked against the schema and the rules before it is written."""
    directory.mkdir(parents=True, exist_ok=True)
    export = programme_export()
    groups: dict[str, list[Activity]] = defaultdict(list)
    for activity in export.activities:
        groups[SPLITS[split](activity)].append(activity)
    datasets = []
    organisation = directory / f"{publisher()}-org.xml"
    organisation.write_bytes(organisation_xml())
    title = dataset_title("organisation file")
    datasets.append(_dataset(f"{publisher()}-org", title, organisation, "organisation", []))
    for suffix, activities in sorted(groups.items()):
        name = f"{publisher()}-{suffix}"
        path = directory / f"{name}.xml"
        path.write_bytes(activities_file(activities))
        title = dataset_title(TITLES[split](suffix))
        datasets.append(_dataset(name, title, path, "activity", activities))
    listing = {
        "publisher": publisher(),
        "reporting_org": settings.IATI_REPORTING_ORG_REF,
        "split_by": split,
        "generated": datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat(),
        "datasets": [asdict(each) for each in datasets],
        "withheld": [asdict(each) for each in export.withheld],
    }
    (directory / "datasets.json").write_text(json.dumps(listing, indent=2) + "\n", "utf-8")
    return datasets
