"""Reading a spreadsheet file as rows, and refusing what is not safe or not a spreadsheet.

The kind of file is told from its content, never from its name: an XLSX workbook is a zip with
`xl/workbook.xml`, opened with openpyxl in read-only (streaming) mode with the values the
spreadsheet program saved (`data_only`: a formula is never evaluated here, its saved value is
taken); anything else must be text, read as CSV (UTF-8, with or without a byte-order mark, else
Windows-1252; comma or semicolon separated). Refused before a row is read: legacy and
password-protected workbooks (OLE files), macro-enabled workbooks, zips whose contents expand
more than `MAX_COMPRESSION_RATIO` times or beyond `MAX_UNCOMPRESSED_BYTES` (zip bombs), files
with more than `MAX_ROWS` data rows, and binary files.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from poolfund.errors import DomainError
from poolfund.lazy import lazy_module

openpyxl = lazy_module("openpyxl")

MAX_ROWS = 200_000
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MACRO_PARTS = ("xl/vbaProject.bin", "macroEnabled")


class FileRefused(DomainError):
    code = "spreadsheet_refused"


@dataclass
class Sheet:
    """A file's header and its data rows, numbered as the spreadsheet program shows them
    (the header is row 1). `size` is the number of data rows, where known before reading."""

    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    size: int | None


def open_sheet(file: IO[bytes], sheet_name: str = "") -> Sheet:
    """The rows of the first sheet of a workbook (or of `sheet_name` if it has one), or of a
    CSV file. Raises `FileRefused` with a reason the person can act on."""
    start = file.read(8)
    file.seek(0, io.SEEK_END)
    if file.tell() > MAX_FILE_BYTES:
        raise FileRefused(
            _("The file is larger than %(size)d MB; split it into several files.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    file.seek(0)
    if start.startswith(OLE_SIGNATURE):
        raise FileRefused(_ole_reason(file))
    if start.startswith(ZIP_SIGNATURE):
        return _workbook_sheet(file, sheet_name)
    return _csv_sheet(file)


def _ole_reason(file: IO[bytes]) -> str:
    content = file.read()
    if "EncryptedPackage".encode("utf-16-le") in content:
        return _(
            "The workbook is protected by a password. Save a copy without the password "
            "(or as CSV) and upload that."
        )
    return _(
        "This is an old Excel (.xls) or other Office file. Save it as an Excel workbook (.xlsx) "
        "or as CSV and upload that."
    )


def _check_zip(file: IO[bytes]) -> None:
    try:
        archive = zipfile.ZipFile(file)
    except zipfile.BadZipFile as error:
        raise FileRefused(_("The file is a damaged workbook; it cannot be read.")) from error
    entries = archive.infolist()
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise FileRefused(
            _("This is not an Excel workbook (.xlsx) nor a CSV file; it cannot be imported.")
        )
    content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if any(part in names for part in MACRO_PARTS) or b"macroEnabled" in content_types:
        raise FileRefused(
            _(
                "The workbook holds macros (.xlsm); macros are never run here. Save it as an "
                "Excel workbook (.xlsx) without macros and upload that."
            )
        )
    expanded = sum(entry.file_size for entry in entries)
    compressed = sum(entry.compress_size for entry in entries) or 1
    if expanded > MAX_UNCOMPRESSED_BYTES or expanded / compressed > MAX_COMPRESSION_RATIO:
        raise FileRefused(
            _(
                "The workbook expands to %(expanded)d MB from %(compressed)d KB, far more than a "
                "spreadsheet does; it is not read."
            )
            % {"expanded": expanded // (1024 * 1024), "compressed": compressed // 1024}
        )
    file.seek(0)


def _too_many_rows() -> FileRefused:
    return FileRefused(
        _("The file has more than %(limit)s data rows; split it into files of at most that.")
        % {"limit": f"{MAX_ROWS:,}"}
    )


def _workbook_sheet(file: IO[bytes], sheet_name: str) -> Sheet:
    _check_zip(file)
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
    declared = sheet.max_row if sheet.max_row and sheet.max_row > 1 else None
    if declared and declared - 1 > MAX_ROWS:
        raise _too_many_rows()
    cells = sheet.iter_rows(values_only=True)
    header = _header(next(cells, ()))
    return Sheet(header=header, rows=_numbered(cells), size=declared - 1 if declared else None)


def _decoded(file: IO[bytes]) -> str:
    content = file.read()
    if b"\x00" in content:
        raise FileRefused(
            _("This is not an Excel workbook (.xlsx) nor a CSV file; it cannot be imported.")
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _csv_sheet(file: IO[bytes]) -> Sheet:
    text = _decoded(file)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    lines = text.count("\n") - (1 if text.endswith("\n") else 0)
    if lines > MAX_ROWS:
        raise _too_many_rows()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = _header(next(reader, []))
    return Sheet(header=header, rows=_numbered(reader), size=lines)


def _header(cells) -> list[str]:
    return [str(cell).strip() if cell is not None else "" for cell in cells]


def _numbered(rows) -> Iterator[tuple[int, list[Any]]]:
    for count, (number, row) in enumerate(
        ((number, row) for number, row in enumerate(rows, start=2) if _has_values(row)), start=1
    ):
        if count > MAX_ROWS:
            raise _too_many_rows()
        yield number, list(row)


def _has_values(row) -> bool:
    return any(cell not in (None, "") for cell in row)
