"""Writing a registered dataset as CSV (streamed) or XLSX (with its data dictionary)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from poolfund.lazy import lazy_module
from poolfund.opendata.registry import Dataset

openpyxl = lazy_module("openpyxl")


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(dataset: Dataset) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(dataset.header())
    for row in dataset.rows():
        yield writer.writerow(row)


def xlsx_bytes(dataset: Dataset) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    data = workbook.create_sheet(dataset.slug[:31])
    data.append(dataset.header())
    for row in dataset.rows():
        data.append(row)
    dictionary = workbook.create_sheet("dictionary")
    dictionary.append(["column", "type", "description"])
    for column in dataset.columns():
        dictionary.append([column.name, column.type, column.description])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
