from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from poolfund.iati.services import iati_files, import_iati_file, import_iati_files_in_parallel


class Command(BaseCommand):
    help = (
        "Import data files. `poolfund import iati FILE_OR_DIR...` streams IATI activity files "
        "(and the .xml files under directories) into external activities, keyed by reporting "
        "organisation and IATI identifier, then prints an import report. Files that are "
        "well-formed but not valid against the 2.03 schema are taken, with each problem noted "
        "against its activity; a file that is not well-formed XML or not an IATI activities "
        "document is refused with nothing written. Safe to repeat: a file unchanged since its "
        "last import is not read again. The knowledge index follows in the background worker."
    )
    # The system checks import every view through the URLs (seconds of start-up, most of the
    # app's memory) and check nothing an import uses; `poolfund check` runs them.
    requires_system_checks = []

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
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="import N files at a time, one process each (PostgreSQL only; default 1)",
        )

    def handle(self, *args, kind, paths, no_progress, no_schema_check, jobs, **options):
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"No such file or directory: {', '.join(missing)}")
        if jobs < 1:
            raise CommandError("--jobs needs at least 1.")
        if jobs > 1 and connection.vendor != "postgresql":
            raise CommandError(
                f"--jobs {jobs} needs PostgreSQL: {connection.vendor} lets one import write at "
                "a time, so run with --jobs 1."
            )
        validate = not no_schema_check
        files = iati_files(paths)
        if jobs > 1:
            reports = import_iati_files_in_parallel(list(files), jobs=jobs, validate=validate)
        else:
            progress = not no_progress and options["verbosity"] > 0
            reports = (
                import_iati_file(path=path, progress=progress, validate=validate) for path in files
            )
        refused = 0
        for report in reports:
            refused += bool(report.refused)
            if options["verbosity"] > 0:
                self.stdout.write(report.summary())
                for problem in report.problems:
                    self.stdout.write(f"  {problem}")
        if refused:
            raise CommandError(f"{refused} file(s) refused; nothing was written from them.")
