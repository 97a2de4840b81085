"""A kind's template (header, an example row, data validation lists of codes, and a sheet that
explains each column) and its export (the records now held, in the same columns) as XLSX; as
CSV they are the site's one CSV (`csv_response`). Cells of text starting with = + - @ are
quoted (`safe_cell`); the import takes the quote off again."""

import io
from typing import Any

from django.utils.translation import gettext as _

from poolfund.api.tabular import safe_cell
from poolfund.imports.kinds.base import Kind
from poolfund.lazy import lazy_module

openpyxl = lazy_module("openpyxl")  # its submodules below are loaded by the package itself

FIRST_DATA_ROW = 2
LAST_VALIDATED_ROW = 100_000


def _column_notes(kind: Kind, column) -> str:
    if column.read_only:
        return _("exported; ignored on import")
    return _("required") if column.required else _("optional")


def template_xlsx(kind: Kind) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = kind.slug
    sheet.append(kind.header())
    sheet.append([column.example for column in kind.columns])
    codes = workbook.create_sheet("codes")
    for index, column in enumerate(kind.columns, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(
            14, len(column.name) + 2
        )
        if column.choices is None or column.read_only:
            continue
        letter = openpyxl.utils.get_column_letter(index)
        values = column.choices()
        codes.cell(row=1, column=index, value=column.name)
        for row, value in enumerate(values, start=2):
            codes.cell(row=row, column=index, value=value)
        validation = openpyxl.worksheet.datavalidation.DataValidation(
            type="list",
            formula1=f"=codes!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=not column.required,
            showErrorMessage=True,
            error=_("Choose one of the codes listed."),
        )
        sheet.add_data_validation(validation)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_VALIDATED_ROW}")
    codes.sheet_state = "hidden"
    guide = workbook.create_sheet("columns")
    guide.append([_("column"), _("use"), _("description")])
    for column in kind.columns:
        guide.append([column.name, _column_notes(kind, column), str(column.help)])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe(row: list[Any]) -> list[Any]:
    return [safe_cell("" if value is None else value) for value in row]


def export_xlsx(kind: Kind) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(kind.slug)
    sheet.append(kind.header())
    for row in kind.export_rows():
        sheet.append(_safe(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
