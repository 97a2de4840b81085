import django_filters

from poolfund.donors.models import Donor
from poolfund.donors.selectors import DEFAULT_DONOR_ORDER, DONOR_ROW_KEYS

DONOR_ORDERS = [order for key in DONOR_ROW_KEYS for order in (key, f"-{key}")]


class DonorFilterSet(django_filters.FilterSet):
    """Shared by the donors page and the API (`/api/v1/donors/`)."""

    sort = django_filters.ChoiceFilter(
        choices=[(order, order) for order in DONOR_ORDERS],
        method="sort_rows_later",
        help_text="name, type, deposited or committed; prefix - to reverse (default -deposited).",
    )

    class Meta:
        model = Donor
        fields = ["sort"]

    def sort_rows_later(self, queryset, name, value):
        # The totals a donor is sorted by are not columns: `sorted_donor_rows` sorts the rows.
        return queryset

    @property
    def order(self) -> str:
        """The order asked for (the filterset checked)."""
        return self.form.cleaned_data["sort"] or DEFAULT_DONOR_ORDER
