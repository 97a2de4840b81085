from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from poolfund.geo.selectors import region_by_name_or_code
from poolfund.reports.rendering import render_brief_pdf, render_standalone_brief_html
from poolfund.reports.selectors import regional_brief


class Command(BaseCommand):
    help = (
        "Write the Fund's regional brief for a UN M49 region (by name or code), from the "
        "database, as HTML or PDF, in any language PoolFund is translated into."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--region",
            required=True,
            help='UN M49 region name or code, e.g. "Latin America and the Caribbean" or 419.',
        )
        parser.add_argument(
            "--lang",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the brief (default: en).",
        )
        parser.add_argument("--format", default="pdf", choices=["pdf", "html"])
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            help="Figures as they stood at the end of this day, YYYY-MM-DD (default: today).",
        )
        parser.add_argument("-o", "--output", required=True, help="File to write.")

    def handle(self, *args, **options):
        region = region_by_name_or_code(options["region"])
        if region is None:
            raise CommandError(
                f"No UN M49 region is called '{options['region']}'. "
                "Load them with `poolfund load-geo`; try a name or a code such as 419."
            )
        brief = regional_brief(region=region, as_of=options["as_of"] or timezone.localdate())
        output = Path(options["output"])
        if options["format"] == "pdf":
            output.write_bytes(render_brief_pdf(brief, language=options["lang"]))
        else:
            html = render_standalone_brief_html(brief, language=options["lang"])
            output.write_text(html, "utf-8")
        self.stdout.write(f"Wrote {output} ({brief.portfolio.count} programmes).")
