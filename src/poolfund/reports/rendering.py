"""The regional brief as HTML and as PDF, from one template (reports/brief.html)."""

from django.template.loader import render_to_string, select_template
from django.utils import translation

from poolfund.reports import figures
from poolfund.reports.selectors import RegionalBrief


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


def render_brief_pdf(brief: RegionalBrief, *, language: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs time every page does not need

    return HTML(string=render_brief_html(brief, language=language)).write_pdf()
