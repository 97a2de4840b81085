from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from poolfund.iati.services import iati_files, import_iati_file


class Command(BaseCommand):
    help = (
        "Import data files. `poolfund import iati FILE_OR_DIR...` streams IATI activity files "
        "(and the .xml files under directories) into external activities, keyed by reporting "
        "organisation and IATI identifier, then prints an import report. Files that are "
        "well-formed but not valid against the 2.03 schema are taken, with each problem noted "
        "against its activity; a file that is not well-formed XML or not an IATI activities "
        "document is refused with nothing written. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["iati"], help="what to import: iati")
        parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="no progress bar (it is shown on standard error when that is a terminal)",
        )
        parser.add_argument(
            "--no-schema-check",
            action="store_true",
            help="skip checking each activity against the 2.03 schema (faster; fewer problems)",
        )

    def handle(self, *args, kind, paths, no_progress, no_schema_check, **options):
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"No such file or directory: {', '.join(missing)}")
        refused = 0
        for path in iati_files(paths):
            report = import_iati_file(
                path=path,
                progress=not no_progress and options["verbosity"] > 0,
                validate=not no_schema_check,
            )
            refused += bool(report.refused)
            if options["verbosity"] > 0:
                self.stdout.write(report.summary())
                for problem in report.problems:
                    self.stdout.write(f"  {problem}")
        if refused:
            raise CommandError(f"{refused} file(s) refused; nothing was written from them.")
