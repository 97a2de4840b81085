from pathlib import Path

from django.core.management.base import BaseCommand

from poolfund.iati.exports import organisation_xml, programme_activities_xml


class Command(BaseCommand):
    help = (
        "Export data files. `poolfund export iati-activities -o activities.xml` writes every "
        "Joint Programme as an IATI 2.03 activity; `poolfund export iati-organisation -o "
        "organisation.xml` writes the Fund's organisation file (total budget, expenditure by "
        "year). Both are checked against the 2.03 schema before they are written; without -o "
        "the file goes to standard output. The publisher is set by IATI_REPORTING_ORG_REF and "
        "IATI_FUND_CODE (docs/iati.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=["iati-activities", "iati-organisation"],
            help="iati-activities or iati-organisation",
        )
        parser.add_argument("-o", "--output", type=Path, help="the file to write")

    def handle(self, *args, kind, output, **options):
        content = programme_activities_xml() if kind == "iati-activities" else organisation_xml()
        if output is None:
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        output.write_bytes(content)
        if options["verbosity"]:
            self.stderr.write(f"Wrote {output} ({len(content):,} bytes).")
