from collections.abc import Callable

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from poolfund.framework.models import Objective, ThematicArea
from poolfund.geo.filters import CountryFilter, RegionFilter
from poolfund.geo.models import Country
from poolfund.geo.selectors import countries_in_region
from poolfund.programmes.choices import JointProgrammeStatus
from poolfund.programmes.models import JointProgramme
from poolfund.programmes.selectors import programmes_covering
from poolfund.web.query import NamedFilter


def number_borne_by(model: type[ThematicArea] | type[Objective]) -> Callable[[str], int | None]:
    """Reads a number that one of the model's records bears (in any framework)."""

    def borne(text: str) -> int | None:
        if text.isdigit() and model.objects.filter(number=int(text)).exists():
            return int(text)
        return None

    return borne


@extend_schema_field(OpenApiTypes.INT)
class NumberedFilter(NamedFilter):
    """A number, e.g. of a thematic area (`find` with `number_borne_by`)."""


class JointProgrammeFilterSet(django_filters.FilterSet):
    """Shared by the portfolio page, its CSV and the API (`/api/v1/programmes/`)."""

    region = RegionFilter(
        method="filter_region", help_text="UN M49 region by name or code, e.g. 419."
    )
    country = CountryFilter(method="filter_country", help_text="ISO alpha-3 code, e.g. MEX.")
    thematic_area = NumberedFilter(
        field_name="thematic_area__number",
        find=number_borne_by(ThematicArea),
        refusal=_("No thematic area is numbered “%(value)s”."),
        help_text="Thematic area number, 1 to 5.",
    )
    objective = NumberedFilter(
        method="filter_objective",
        find=number_borne_by(Objective),
        refusal=_("No objective is numbered “%(value)s”."),
        help_text="GCM objective number, 1 to 23.",
    )
    status = django_filters.ChoiceFilter(
        choices=JointProgrammeStatus.choices, help_text="active, no-cost-extension, …"
    )

    class Meta:
        model = JointProgramme
        fields = ["region", "country", "thematic_area", "objective", "status"]

    def filter_region(self, queryset, name, region):
        countries = countries_in_region(region)
        # With a country too, that country if the region holds it (else nothing).
        if country := self.form.cleaned_data.get("country"):
            countries = countries.filter(pk=country.pk)
        return programmes_covering(queryset, countries)

    def filter_country(self, queryset, name, country):
        return programmes_covering(queryset, Country.objects.filter(pk=country.pk))

    def filter_objective(self, queryset, name, number):
        return queryset.filter(
            pk__in=JointProgramme.objects.filter(objectives__number=number).values("pk")
        )
