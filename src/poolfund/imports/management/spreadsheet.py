"""`poolfund import spreadsheet`: each file imported at once, with a progress bar."""

import sys
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import PermissionDenied
from tqdm import tqdm

from poolfund.imports.reading import FileRefused
from poolfund.imports.services import import_path


def import_spreadsheets(
    paths: list[Path],
    *,
    actor,
    kind: str,
    dry_run: bool,
    skip_bad_rows: bool,
    progress: bool,
    write: Callable[[str], None],
) -> int:
    """Import the files one by one; returns how many were not imported (refused, or with bad
    rows and no --skip-bad-rows)."""
    failed = 0
    for path in paths:
        with tqdm(
            unit="row", desc=path.name, file=sys.stderr, disable=not progress, leave=False
        ) as bar:

            def advance(done: int, total: int | None, bar=bar) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                report = import_path(
                    actor=actor,
                    kind=kind,
                    path=path,
                    dry_run=dry_run,
                    skip_bad_rows=skip_bad_rows,
                    progress=advance,
                )
            except (FileRefused, PermissionDenied) as refused:
                write(f"{path}: {getattr(refused, 'message', refused)}")
                failed += 1
                continue
        write(f"{path}: {report.summary()}")
        for problem in report.problems:
            column = f", {problem.column}" if problem.column else ""
            write(f"  row {problem.row}{column}: {problem.message}")
        failed += bool(report.problems) and not report.written
    return failed
