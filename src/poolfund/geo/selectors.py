"""Reads of countries and regions: resolving a region by name or M49 code."""

from django.db.models import Q, QuerySet

from poolfund.geo.models import Country, Region


def region_by_name_or_code(name_or_code: str) -> Region | None:
    value = name_or_code.strip()
    if value.isdigit():
        return Region.objects.filter(m49_code=value.zfill(3)).first()
    return Region.objects.filter(name__iexact=value).first()


def country_by_iso3(code: str) -> Country | None:
    return Country.objects.filter(iso3=code.strip().upper()).first()


def countries_in_region(region: Region) -> QuerySet[Country]:
    return Country.objects.filter(
        Q(region=region) | Q(sub_region=region) | Q(intermediate_region=region)
    )


def lies_in(country: Country, region: Region) -> bool:
    """Whether the country is in the region, sub-region or intermediate region."""
    return region.pk in (country.region_id, country.sub_region_id, country.intermediate_region_id)
