"""Writing a registered dataset as XLSX (with its data dictionary); its CSV is streamed by
`poolfund.api.tabular.csv_response`."""

from __future__ import annotations

import io

from poolfund.lazy import lazy_module
from poolfund.opendata.registry import Dataset

openpyxl = lazy_module("openpyxl")


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
