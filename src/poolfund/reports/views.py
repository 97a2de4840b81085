"""Dashboards of the Fund, a region and a country, and the regional brief for download."""

from datetime import date

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from poolfund.api.tabular import csv_response
from poolfund.donors.selectors import donor_rows, fund_summary
from poolfund.framework.selectors import default_framework
from poolfund.geo.models import Country, Region
from poolfund.geo.selectors import countries_in_region
from poolfund.programmes.selectors import concept_notes_visible_to, countries_named_or_members
from poolfund.reports import figures
from poolfund.reports.rendering import render_brief_html, render_brief_pdf
from poolfund.reports.selectors import (
    localized_region_name,
    pipeline_by_state,
    portfolio,
    portfolio_figures,
    regional_brief,
)
from poolfund.results.selectors import results_by_objective, results_by_thematic_area
from poolfund.web.data_cache import cache_public_page, figures_of_this_data
from poolfund.web.query import day_in_query

SEVERAL_REGIONS = gettext_lazy("Several regions")


def requested_day(request: HttpRequest) -> date:
    return day_in_query(request.GET, "as_of")


def dashboard(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The page, or with `?csv=<figure key>` the figures of one of its charts as CSV."""
    wanted = request.GET.get("csv")
    if not wanted:
        return render(request, template, context)
    figure = next((figure for figure in context["figures"] if figure.key == wanted), None)
    if figure is None:
        raise Http404("This page has no chart of that name.")
    return figure_csv(figure, context["as_of"])


def figure_csv(figure: figures.Figure, as_of: date) -> HttpResponse:
    """One row per row of the chart's table, the values unformatted, each with its day."""
    return csv_response(
        f"{figure.key}-{as_of:%Y-%m-%d}.csv",
        [str(column.label) for column in figure.columns] + ["as_of"],
        (
            ["" if value is None else value for value in row] + [as_of.isoformat()]
            for row in figure.rows
        ),
    )


def _framework():
    framework = default_framework()
    if framework is None:
        raise Http404("No framework is loaded.")
    return framework


@cache_public_page
def fund_overview(request: HttpRequest) -> HttpResponse:
    as_of = requested_day(request)
    framework = _framework()
    summary = figures_of_this_data("fund-summary", lambda: fund_summary(as_of=as_of), as_of)
    funded = portfolio_figures(framework=framework, as_of=as_of)
    regions = [
        (region, localized_region_name(region) if region else SEVERAL_REGIONS, total, count)
        for region, total, count in funded.by_region
    ]
    pipeline = pipeline_by_state(concept_notes_visible_to(request.user))
    by_objective = funded.by_objective
    context = {
        "as_of": as_of,
        "summary": summary,
        "portfolio": funded,
        "regions": regions,
        "figures": [
            figures.capitalization_progress(summary),
            figures.funding_by_area(funded.balance),
            figures.horizontal_bars(
                "by-region",
                _("Funded programmes by region"),
                _("Region"),
                _("Funding (USD)"),
                [(name, total) for _region, name, total, _count in regions],
                money=True,
            ),
            figures.horizontal_bars(
                "by-objective",
                _("Funded programmes by GCM objective"),
                _("GCM objective"),
                _("Programmes"),
                [
                    (f"{objective.number}. {objective.short_label}", n)
                    for objective, n, _ in by_objective
                ],
                money=False,
            ),
            figures.horizontal_bars(
                "pipeline",
                _("Concept notes by state"),
                _("State"),
                _("Concept notes"),
                [(label, count) for _state, label, count in pipeline],
                money=False,
            ),
        ],
        "suggested_objectives": sum(suggested for _o, _n, suggested in by_objective),
        "results_by_objective": [
            (f"{row.objective.number}. {row.objective.short_label}", row)
            for row in results_by_objective()
        ],
        "results_by_area": [
            (
                figures.area_label(row.thematic_area.number)
                if row.thematic_area
                else _("Cross-cutting (objective 23)"),
                row,
            )
            for row in results_by_thematic_area()
        ],
    }
    return dashboard(request, "reports/fund_overview.html", context)


@cache_public_page
def region_dashboard(request: HttpRequest, m49_code: str) -> HttpResponse:
    region = get_object_or_404(Region, m49_code=m49_code)
    as_of = requested_day(request)
    countries = countries_in_region(region)
    funded = portfolio(
        framework=_framework(),
        as_of=as_of,
        countries=countries,
    )
    listed_ids = {
        country.pk
        for programme in funded.programmes
        for country in countries_named_or_members(programme)
    }
    context = {
        "as_of": as_of,
        "region": region,
        "region_name": localized_region_name(region),
        "portfolio": funded,
        "countries": [country for country in countries if country.pk in listed_ids],
        "figures": [
            figures.funding_by_area(funded.balance),
            figures.concept_notes_by_area(funded.areas),
        ],
        "brief_links": brief_links(region, as_of),
    }
    return dashboard(request, "reports/region.html", context)


@cache_public_page
def country_dashboard(request: HttpRequest, iso3: str) -> HttpResponse:
    country = get_object_or_404(Country.objects.select_related("sub_region"), iso3=iso3.upper())
    as_of = requested_day(request)
    funded = portfolio(
        framework=_framework(),
        as_of=as_of,
        countries=Country.objects.filter(pk=country.pk),
    )
    contribution = next(
        (row for row in donor_rows(as_of=as_of) if row.donor.country_id == country.pk), None
    )
    context = {
        "as_of": as_of,
        "country": country,
        "portfolio": funded,
        "contribution": contribution,
        "figures": [figures.funding_by_area(funded.balance)] if funded.count else [],
    }
    return dashboard(request, "reports/country.html", context)


def brief_links(region: Region, as_of: date) -> list[dict]:
    """The brief as PDF and HTML in every language, each named in its own language."""
    url = reverse("reports:brief", args=[region.m49_code])
    return [
        {
            "url": f"{url}?lang={code}&format={kind}&as_of={as_of:%Y-%m-%d}",
            "label": f"{kind.upper()} ({get_language_info(code)['name_local']})",
        }
        for code, _name in settings.LANGUAGES
        for kind in ("pdf", "html")
    ]


@cache_public_page
def brief(request: HttpRequest, m49_code: str) -> HttpResponse:
    region = get_object_or_404(Region, m49_code=m49_code)
    language = request.GET.get("lang") or translation.get_language()
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise Http404("PoolFund is not translated into that language.")
    as_of = requested_day(request)
    data = regional_brief(region=region, as_of=as_of)
    filename = f"migration-mptf-brief-{region.m49_code}-{language}-{as_of:%Y-%m-%d}"
    if request.GET.get("format") == "pdf":
        response = HttpResponse(render_brief_pdf(data, language=language), "application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response
    return HttpResponse(render_brief_html(data, language=language))
