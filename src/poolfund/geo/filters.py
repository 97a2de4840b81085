"""Filters on a place named in the query, for the FilterSets of the apps' lists."""

from django.utils.translation import gettext_lazy as _

from poolfund.geo.selectors import country_by_iso3, region_by_name_or_code
from poolfund.web.query import NamedFilter


class RegionFilter(NamedFilter):
    """A UN M49 region, by its code (419) or its name (Latin America and the Caribbean)."""

    def __init__(self, **kwargs):
        super().__init__(
            find=region_by_name_or_code,
            refusal=_("No UN M49 region is called or numbered “%(value)s”."),
            **kwargs,
        )


class CountryFilter(NamedFilter):
    """A country, by its ISO alpha-3 code in any case (MEX or mex)."""

    def __init__(self, **kwargs):
        super().__init__(
            find=country_by_iso3,
            refusal=_("No country has the ISO alpha-3 code “%(value)s”."),
            **kwargs,
        )
