from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from poolfund.iati.services import iati_files, import_iati_file, import_iati_files_in_parallel
from poolfund.imports.kinds import KINDS
from poolfund.imports.management.spreadsheet import import_spreadsheets


class Command(BaseCommand):
    help = (
        "Import data files. `poolfund import iati FILE_OR_DIR...` streams IATI activity files "
        "(and the .xml files under directories) into external activities, keyed by reporting "
        "organisation and IATI identifier, then prints an import report. Files that are "
        "well-formed but not valid against the 2.03 schema are taken, with each problem noted "
        "against its activity; a file that is not well-formed XML or not an IATI activities "
        "document is refused with nothing written. Safe to repeat: a file unchanged since its "
        "last import is not read again. The knowledge index follows in the background worker. "
        "`poolfund import spreadsheet FILE.xlsx|FILE.csv --kind KIND --as USERNAME` brings in "
        "the Fund's donors, commitments, deposits, programmes, transfers or expenditure from "
        "its templates (docs/imports.md) through the same services as the pages, as that FMU "
        "person: a file with any bad row writes nothing (the report lists each by row and "
        "column) unless "
        "--skip-bad-rows; --dry-run writes nothing. Safe to repeat: each kind has a natural key."
    )
    # The system checks import every view through the URLs (seconds of start-up, most of the
    # app's memory) and check nothing an import uses; `poolfund check` runs them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "kind", choices=["iati", "spreadsheet"], help="what to import: iati or spreadsheet"
        )
        parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="no progress bar (it is shown on standard error when that is a terminal)",
        )
        parser.add_argument(
            "--no-schema-check",
            action="store_true",
            help="iati: skip checking each activity against the 2.03 schema (faster)",
        )
        parser.add_argument(
            "--kind",
            dest="records",
            choices=list(KINDS),
            help="spreadsheet: what the file holds",
        )
        parser.add_argument(
            "--as",
            dest="username",
            help="spreadsheet: the FMU person importing (recorded in the audit trail)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="spreadsheet: check and report, write nothing"
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="spreadsheet: import the good rows even if some are bad (audited)",
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
        if kind == "spreadsheet":
            self._spreadsheets(paths, progress=not no_progress, **options)
            return
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

    def _spreadsheets(self, paths, *, progress, records, username, **options):
        if not records or not username:
            raise CommandError("A spreadsheet import needs --kind and --as USERNAME.")
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"No user is called {username!r}.")
        failed = import_spreadsheets(
            paths,
            actor=actor,
            kind=records,
            dry_run=options["dry_run"],
            skip_bad_rows=options["skip_bad_rows"],
            progress=progress and options["verbosity"] > 0,
            write=self.stdout.write,
        )
        if failed:
            raise CommandError(f"{failed} file(s) not imported; nothing was written from them.")
