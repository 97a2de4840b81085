import json as json_module
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand

from poolfund.iati.activity_file import programme_activities_xml
from poolfund.iati.quality import quality_lines, quality_of


class Command(BaseCommand):
    help = (
        "Print the IATI Dashboard's measures for an activity file: comprehensiveness (core, "
        "financials, value added), forward-looking budgets for this year and the next two, and "
        "the timeliness of the last transaction. `poolfund iati-quality` measures the Fund's "
        "export from the current data; `poolfund iati-quality FILE` measures a file; --json "
        "prints the same figures as JSON (docs/iati.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="an IATI activity file")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, file, json: bool, **options):
        content = file.read_bytes() if file else programme_activities_xml()
        quality = quality_of(content)
        if json:
            self.stdout.write(_json(quality))
            return
        self.stdout.write("\n".join(quality_lines(quality)))


def _json(quality) -> str:
    figures = asdict(quality)
    figures["timeliness"] = quality.timeliness
    for measure, figure in zip(quality.measures, figures["measures"], strict=True):
        figure["percentage"] = measure.percentage
    return json_module.dumps(figures, default=str, indent=2)
