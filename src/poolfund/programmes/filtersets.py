from collections.abc import Callable

import django_filters
from django.utils.translation import gettext_lazy as _

from poolfund.framework.models import Objective, ThematicArea
from poolfund.geo.models import Country
from poolfund.geo.selectors import countries_in_region, region_by_name_or_code
from poolfund.programmes.choices import JointProgrammeStatus
from poolfund.programmes.models import JointProgramme
from poolfund.programmes.selectors import programmes_covering
from poolfund.web.query import NamedFilter


def country_with_iso3(code: str) -> Country | None:
    return Country.objects.filter(iso3=code.upper()).first()


def number_borne_by(model: type[ThematicArea] | type[Objective]) -> Callable[[str], int | None]:
    """Reads a number that one of the model's records bears (in any framework)."""

    def borne(text: str) -> int | None:
        if text.isdigit() and model.objects.filter(number=int(text)).exists():
            return int(text)
        return None

    return borne


class JointProgrammeFilterSet(django_filters.FilterSet):
    """Shared by the portfolio page, its CSV and the API (`/api/v1/programmes/`)."""

    region = NamedFilter(
        method="filter_region",
        find=region_by_name_or_code,
        refusal=_("No UN M49 region is called or numbered “%(value)s”."),
        help_text="UN M49 region by name or code, e.g. 419.",
    )
    country = NamedFilter(
        method="filter_country",
        find=country_with_iso3,
        refusal=_("No country has the ISO alpha-3 code “%(value)s”."),
        help_text="ISO alpha-3 code, e.g. MEX.",
    )
    thematic_area = NamedFilter(
        field_name="thematic_area__number",
        find=number_borne_by(ThematicArea),
        refusal=_("No thematic area is numbered “%(value)s”."),
        help_text="Thematic area number, 1 to 5.",
    )
    objective = NamedFilter(
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
