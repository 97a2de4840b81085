import django_filters
from django.utils.translation import gettext_lazy as _

from poolfund.donors.models import Deposit, Donor
from poolfund.donors.selectors import DEFAULT_DONOR_ORDER, DONOR_ROW_KEYS
from poolfund.geo.filters import RegionFilter
from poolfund.web.query import NamedFilter

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


def donor_with_slug(slug: str) -> Donor | None:
    return Donor.objects.filter(slug=slug).first()


class DepositFilterSet(django_filters.FilterSet):
    """The API's deposits (`/api/v1/deposits/`)."""

    donor = NamedFilter(
        field_name="commitment__donor",
        find=donor_with_slug,
        refusal=_("No donor is called “%(value)s” in its address (its slug)."),
        help_text="The donor's slug, e.g. mexico.",
    )
    earmark_region = RegionFilter(
        field_name="commitment__region",
        help_text="Only money earmarked to this UN M49 region: its code (419) or its name "
        "(Latin America and the Caribbean).",
    )

    class Meta:
        model = Deposit
        fields = ["donor", "earmark_region"]
