from decimal import Decimal
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from poolfund.accounts.policy import can
from poolfund.donors import selectors
from poolfund.donors.filtersets import DonorFilterSet
from poolfund.donors.models import Donor
from poolfund.ledger.selectors import pool_balances, sources_and_uses
from poolfund.web.charts import bar_chart_svg, cumulative_chart_svg
from poolfund.web.data_cache import cache_public_page, figures_of_this_data
from poolfund.web.query import checked, day_in_query, named_day, whole_number_in_query

CHART_DONORS = 20
"""The chart shows the largest donors, the others as one bar; the table lists every donor."""
DONOR_PAGE_SIZE = 100
MOST_DAILY_POINTS = 120
"""Beyond this many days with deposits, the capitalization chart and table show month ends."""


@cache_public_page
def donor_list(request: HttpRequest) -> HttpResponse:
    sort = checked(DonorFilterSet(request.GET)).order
    rows = selectors.sorted_donor_rows(
        figures_of_this_data("donor-rows", selectors.donor_rows, timezone.localdate()), sort
    )
    by_deposit = selectors.sorted_donor_rows(rows, "-deposited")
    bars = [(row.donor.name, row.deposited_usd) for row in by_deposit if row.deposited_usd]
    others = bars[CHART_DONORS:]
    if len(others) > 1:
        others_label = ngettext("%(count)d other donor", "%(count)d other donors", len(others)) % {
            "count": len(others)
        }
        bars = [
            *bars[:CHART_DONORS],
            (others_label, sum((amount for _name, amount in others), Decimal(0))),
        ]
    chart = bar_chart_svg(bars, value_title=_("Deposited (USD)"))
    page = Paginator(rows, DONOR_PAGE_SIZE).get_page(request.GET.get("page"))
    columns = [
        ("name", _("Donor"), False),
        ("type", _("Type"), False),
        ("committed", _("Committed (USD)"), True),
        ("deposited", _("Deposited (USD)"), True),
    ]
    return render(
        request,
        "donors/donor_list.html",
        {
            "rows": page.object_list,
            "page": page,
            "chart": chart,
            "sort": sort,
            "sort_query": urlencode({"sort": sort}),
            "columns": columns,
            "summary": figures_of_this_data(
                "fund-summary", selectors.fund_summary, timezone.localdate()
            ),
        },
    )


@cache_public_page
def donor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    donor = get_object_or_404(Donor.objects.select_related("country"), slug=slug)
    row = next(row for row in selectors.donor_rows() if row.donor.pk == donor.pk)
    return render(
        request,
        "donors/donor_detail.html",
        {
            "donor": donor,
            "row": row,
            "commitments": selectors.commitments_for_donor(donor),
            "deposits": selectors.deposits_for_donor(donor),
            "in_full": can(request.user, "donors.view_contribution_details", donor),
        },
    )


@cache_public_page
def capitalization(request: HttpRequest) -> HttpResponse:
    as_of = day_in_query(request.GET, "as_of")
    months = whole_number_in_query(request.GET, "months", default=12, least=1, most=120)
    summary = selectors.fund_summary(as_of=as_of)
    points = selectors.cumulative_deposits(as_of=summary.as_of)
    if len(points) > MOST_DAILY_POINTS:
        points = selectors.month_end_totals(points)
    return render(
        request,
        "donors/capitalization.html",
        {
            "summary": summary,
            "projection": selectors.capitalization_projection(as_of=summary.as_of, months=months),
            "points": points,
            "chart": cumulative_chart_svg(
                points, value_title=_("Deposited (USD)"), target=summary.target_usd
            ),
            "targets": selectors.target_history(),
        },
    )


@cache_public_page
def fund_statement(request: HttpRequest) -> HttpResponse:
    as_of = named_day(request.GET, "as_of")
    return render(
        request,
        "donors/sources_and_uses.html",
        {
            "as_of": as_of,
            "statement": sources_and_uses(as_of=as_of),
            "pools": pool_balances(as_of=as_of),
        },
    )
