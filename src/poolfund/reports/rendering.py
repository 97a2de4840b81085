"""The regional brief as HTML and as PDF, from one template (reports/brief.html) and one
stylesheet (static reports/brief.css, with the site's fonts), so print and PDF look the same."""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string, select_template
from django.utils import translation

from poolfund.reports import figures
from poolfund.reports.selectors import RegionalBrief

BRIEF_STYLESHEET = "reports/brief.css"


def brief_context(brief: RegionalBrief, **extra) -> dict:
    """The template context; call it in the language the brief is written in."""
    context_template = select_template(
        [f"reports/brief/context_{brief.region.m49_code}.html", "reports/brief/context.html"]
    )
    return {
        "brief": brief,
        "context_template": context_template.template.name,
        "figures": {
            "concept_notes": figures.concept_notes_by_area(brief.portfolio.areas),
            "funding_by_area": figures.funding_by_area(brief.portfolio.balance),
        },
        **extra,
    }


def render_brief_html(brief: RegionalBrief, *, language: str, **extra) -> str:
    with translation.override(language):
        return render_to_string("reports/brief.html", brief_context(brief, **extra))


def render_standalone_brief_html(brief: RegionalBrief, *, language: str) -> str:
    """The brief as one file to open from disk: its stylesheet written into the page."""
    with open(finders.find(BRIEF_STYLESHEET), encoding="utf-8") as stylesheet:
        return render_brief_html(brief, language=language, inline_stylesheet=stylesheet.read())


# The address WeasyPrint resolves the page's links against; only its static files are read.
PDF_BASE_URL = "https://poolfund.invalid/"


def render_brief_pdf(brief: RegionalBrief, *, language: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs time every page does not need

    html = render_brief_html(brief, language=language)
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=static_file_fetcher()).write_pdf()


def static_file_fetcher():
    """A WeasyPrint URL fetcher that reads the site's static files (the brief's stylesheet and
    the fonts it names) from disk and fetches nothing else: no request leaves the server."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    static_prefix = PDF_BASE_URL + settings.STATIC_URL.lstrip("/")

    class StaticFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            found = url.startswith(static_prefix) and finders.find(url[len(static_prefix) :])
            if not found:
                raise ValueError(f"The brief reads only PoolFund's static files, not {url}")
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            with open(found, "rb") as file:
                body = file.read()
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticFileFetcher()
