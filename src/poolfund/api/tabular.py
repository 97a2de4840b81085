"""Flattening API data into table rows, shared by the CSV renderer and the bulk downloads.

Cells are made safe from formula injection: a spreadsheet runs text that starts with = + - @
(or a tab or carriage return) as a formula, so such text is prefixed with a quote.
"""

from collections.abc import Iterable, Mapping
from typing import Any

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
