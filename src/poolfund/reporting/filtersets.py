import datetime

import django_filters
from django.utils.translation import gettext_lazy as _

from poolfund.reporting.choices import ReportKind, ReportStatus
from poolfund.reporting.models import ScheduledReport

OVERDUE = "overdue"
STATUS_CHOICES = [*ReportStatus.choices, (OVERDUE, _("Overdue"))]


class ScheduledReportFilterSet(django_filters.FilterSet):
    """Shared by the API (`/api/v1/reports/`) and the FMU's list of reports."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        method="filter_status",
        help_text="due, submitted, returned, accepted, or overdue (due or returned, past the "
        "due date and never accepted).",
    )
    programme = django_filters.CharFilter(
        label=_("Programme code"),
        field_name="programme__code",
        lookup_expr="iexact",
        help_text="Joint Programme code.",
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ReportKind.choices)
    organisation = django_filters.CharFilter(
        label=_("Organisation"),
        field_name="organisation__acronym",
        lookup_expr="iexact",
        help_text="Participating UN organisation acronym, e.g. IOM (financial reports).",
    )
    due_after = django_filters.DateFilter(
        label=_("Due on or after"), field_name="due_on", lookup_expr="gte"
    )
    due_before = django_filters.DateFilter(
        label=_("Due on or before"), field_name="due_on", lookup_expr="lte"
    )

    class Meta:
        model = ScheduledReport
        fields = ["status", "programme", "kind", "organisation", "due_after", "due_before"]

    def filter_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.overdue(datetime.date.today())
        return queryset.filter(status=value)
