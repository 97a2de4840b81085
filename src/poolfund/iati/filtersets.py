import django_filters
from django.db.models import Q

from poolfund.iati.models import ExternalActivity


class ExternalActivityFilterSet(django_filters.FilterSet):
    """Shared by the API and the page, so both filter alike."""

    q = django_filters.CharFilter(
        method="search", help_text="Words in the IATI identifier, the title or the description."
    )
    reporting_org = django_filters.CharFilter(
        field_name="reporting_org_ref",
        lookup_expr="iexact",
        help_text="Identifier of the reporting organisation, e.g. GB-GOV-1.",
    )
    country = django_filters.CharFilter(
        method="filter_country",
        help_text="A recipient country, by ISO 3166 alpha-2 or alpha-3 code (GT or GTM).",
    )
    sector = django_filters.CharFilter(
        field_name="sectors__code",
        lookup_expr="iexact",
        distinct=True,
        help_text="A sector code in any vocabulary, e.g. 15190 (DAC 5-digit).",
    )
    activity_status = django_filters.CharFilter(help_text="ActivityStatus code, e.g. 2.")

    class Meta:
        model = ExternalActivity
        fields = ["q", "reporting_org", "country", "sector", "activity_status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(iati_identifier__icontains=value)
            | Q(title__icontains=value)
            | Q(description__icontains=value)
        )

    def filter_country(self, queryset, name, value):
        code = value.strip().upper()
        return queryset.filter(
            Q(recipient_countries__code=code) | Q(recipient_countries__country__iso3=code)
        ).distinct()
