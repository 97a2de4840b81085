from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from poolfund.errors import DomainError
from poolfund.iati.activity_file import activities_file, programme_export
from poolfund.iati.organisation_file import organisation_xml
from poolfund.iati.registry import SPLITS, write_registry_files


class Command(BaseCommand):
    help = (
        "Export data files. `poolfund export iati-activities -o activities.xml` writes every "
        "Joint Programme whose records hold a date as an IATI 2.03 activity (the others are "
        "listed on standard error as withheld); `poolfund export iati-organisation -o "
        "organisation.xml` writes the Fund's organisation file (total budget and expenditure "
        "by year); `poolfund export iati-registry -o DIR --by country|year` writes the files "
        "the IATI Registry expects of a large publisher: activity files split by recipient "
        "country or start year, the organisation file and datasets.json listing them. Every "
        "file is checked against the 2.03 schema and the IATI Validator's rules before it is "
        "written; without -o a single file goes to standard output. The publisher is set by "
        "IATI_REPORTING_ORG_REF, IATI_FUND_CODE and IATI_REGISTRY_PUBLISHER (docs/iati.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=["iati-activities", "iati-organisation", "iati-registry"],
            help="iati-activities, iati-organisation or iati-registry",
        )
        parser.add_argument(
            "-o", "--output", type=Path, help="the file to write (a directory for iati-registry)"
        )
        parser.add_argument(
            "--by", choices=sorted(SPLITS), default="country", help="iati-registry: split by"
        )

    def handle(self, *args, kind, output, by, **options):
        if kind == "iati-registry":
            if output is None:
                raise CommandError("iati-registry writes several files: give -o DIRECTORY.")
            datasets = write_registry_files(output, split=by)
            if options["verbosity"]:
                for each in datasets:
                    self.stderr.write(f"Wrote {output / each.file} ({each.activities} activities).")
            return
        withheld = []
        try:
            if kind == "iati-activities":
                export = programme_export()
                content, withheld = activities_file(export.activities), export.withheld
            else:
                content = organisation_xml()
        except DomainError as error:
            raise CommandError(str(error)) from error
        for each in withheld if options["verbosity"] else []:
            self.stderr.write(f"Withheld {each.code}: {each.reason}.")
        if output is None:
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        output.write_bytes(content)
        if options["verbosity"]:
            self.stderr.write(f"Wrote {output} ({len(content):,} bytes).")
