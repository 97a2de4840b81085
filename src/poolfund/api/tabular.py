"""Flattening API data into table rows, shared by the CSV renderer and the bulk downloads.

Cells are made safe from formula injection: a spreadsheet runs text that starts with = + - @
(or a tab or carriage return) as a formula, so such text is prefixed with a quote.
"""

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet may hold it: text that could run as a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _scalar(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """One row from nested data: objects become dotted columns, lists of values one cell."""
    row: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            row.update(flatten(value, prefix=f"{name}."))
        elif isinstance(value, list | tuple):
            row[name] = LIST_SEPARATOR.join(
                str(flatten(item)) if isinstance(item, Mapping) else str(_scalar(item))
                for item in value
            )
        else:
            row[name] = _scalar(value)
    return row


def table(items: Iterable[Mapping[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Header and safe rows for a list of (possibly nested) objects, columns in first-seen order."""
    rows = [flatten(item) for item in items]
    header: dict[str, None] = {}
    for row in rows:
        header.update(dict.fromkeys(row))
    columns = list(header)
    return columns, [[safe_cell(row.get(column, "")) for column in columns] for row in rows]


class _Echo:
    """A file that hands back what is written, for streaming a CSV line by line."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text, line by line, every cell (the header's too) formula-safe."""
    writer = csv.writer(_Echo())
    yield writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]], *, stream: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A CSV download: the one way the site answers with CSV (the API's renderer writes the
    same `csv_lines`), so no cell can run as a formula in a spreadsheet."""
    content_type = "text/csv; charset=utf-8"
    lines = csv_lines(header, rows)
    if stream:
        response = StreamingHttpResponse(lines, content_type=content_type)
    else:
        response = HttpResponse("".join(lines), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
