"""Loading countries and UN M49 regions from kept packages, never from a hand-typed list.

Country codes and names come from pycountry (ISO 3166). The M49 regions come from the
table bundled in hdx-python-country (pinned in pyproject.toml); only that CSV file is read.
"""

import csv
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pycountry
from django.db import transaction
from django.utils.translation import gettext

from poolfund.errors import DomainError
from poolfund.geo.choices import RegionLevel
from poolfund.geo.models import Country, Region, RegionalBody

M49_TABLE = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
REGION_COLUMNS = (
    ("Region Code", "Region Name", RegionLevel.REGION),
    ("Sub-region Code", "Sub-region Name", RegionLevel.SUB_REGION),
    ("Intermediate Region Code", "Intermediate Region Name", RegionLevel.INTERMEDIATE),
)


class UnknownCountry(DomainError):
    code = "unknown_country"


def m49_rows() -> Iterator[dict[str, str]]:
    """Rows of the bundled M49 table for current ISO 3166 countries and territories."""
    table = resources.files("hdx.location") / M49_TABLE
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Deprecated"] == "Y" or not row["ISO 3166-1 Alpha 3-Codes"]:
                continue
            yield row


def _m49(code: str) -> str:
    return code.strip().zfill(3) if code.strip() else ""


def _regions_of(row: dict[str, str], known: dict[str, Region]) -> list[Region | None]:
    regions: list[Region | None] = []
    parent = None
    for code_column, name_column, level in REGION_COLUMNS:
        code = _m49(row[code_column])
        if not code:
            regions.append(None)
            continue
        if code not in known:
            known[code], _ = Region.objects.update_or_create(
                m49_code=code,
                defaults={"name": row[name_column], "level": level, "parent": parent},
            )
        parent = known[code]
        regions.append(parent)
    return regions


@transaction.atomic
def load_countries() -> int:
    """Create or update every ISO 3166 country with its M49 regions; returns how many."""
    known_regions: dict[str, Region] = {}
    loaded = 0
    for row in m49_rows():
        iso_country = pycountry.countries.get(alpha_3=row["ISO 3166-1 Alpha 3-Codes"])
        if iso_country is None:
            continue
        region, sub_region, intermediate_region = _regions_of(row, known_regions)
        spanish_name = row["Spanish Short"] or row["M49 Spanish"]
        Country.objects.update_or_create(
            iso3=iso_country.alpha_3,
            defaults={
                "iso2": iso_country.alpha_2,
                "m49_code": iso_country.numeric,
                "name": getattr(iso_country, "common_name", iso_country.name),
                "official_name": getattr(iso_country, "official_name", ""),
                "region": region,
                "sub_region": sub_region,
                "intermediate_region": intermediate_region,
                "translations": {"es": {"name": spanish_name}} if spanish_name else {},
            },
        )
        loaded += 1
    return loaded


def shipped_regional_bodies_path() -> Path:
    return Path(str(resources.files("poolfund.geo") / "data" / "regional_bodies.json"))


@transaction.atomic
def load_regional_bodies(path: Path | None = None) -> int:
    """Create or update the regional bodies and their member lists; returns how many."""
    bodies = json.loads((path or shipped_regional_bodies_path()).read_text(encoding="utf-8"))
    for body_data in bodies:
        members = list(Country.objects.filter(iso3__in=body_data["members"]))
        unknown = set(body_data["members"]) - {country.iso3 for country in members}
        if unknown:
            raise UnknownCountry(
                gettext(
                    "%(body)s lists unknown country codes: %(codes)s. "
                    "Load countries first (poolfund load-geo)."
                )
                % {"body": body_data["acronym"], "codes": ", ".join(sorted(unknown))}
            )
        body, _ = RegionalBody.objects.update_or_create(
            code=body_data["code"],
            defaults={
                "acronym": body_data["acronym"],
                "name": body_data["name"],
                "kind": body_data["kind"],
                "source": body_data.get("source", ""),
            },
        )
        body.members.set(members)
    return len(bodies)
