"""Building spreadsheet files in tests and importing them as an FMU person."""

import csv
import io
from pathlib import Path

from openpyxl import Workbook

from poolfund.accounts.choices import Role
from poolfund.imports.services import import_path
from tests.accounts.factories import user_with_role


def fmu_person():
    return user_with_role(Role.FMU)


def csv_bytes(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list], title: str = "data") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_bytes(tmp_path: Path, content: bytes, *, kind: str, actor, suffix=".csv", **options):
    path = tmp_path / f"{kind}{suffix}"
    path.write_bytes(content)
    return import_path(actor=actor, kind=kind, path=path, **options)
