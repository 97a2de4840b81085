"""Reads of countries and regions: resolving a region by name or M49 code, and which records
cover a country."""

from collections.abc import Iterable

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


def covering_any_of(countries: QuerySet[Country] | Iterable[Country | int]) -> Q:
    """The records (concept notes, Joint Programmes, knowledge documents: anything with
    `countries` and `regional_bodies`) that cover any of the countries: naming one, or naming a
    regional body it is a member of. Filter on the primary keys this matches (the two joins
    repeat rows). One record at a time: `programmes.selectors.countries_covered`."""
    return Q(countries__in=countries) | Q(regional_bodies__members__in=countries)
