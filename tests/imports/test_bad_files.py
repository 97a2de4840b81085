"""Files that are not spreadsheets, or not safe ones, get a clear refusal before a row is
read; formulas, dates and amounts get the documented reading."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from poolfund.donors.models import Donor
from poolfund.imports import reading
from poolfund.imports.cells import CellError, amount, as_date, text
from poolfund.imports.reading import FileRefused, open_sheet
from tests.imports.helpers import csv_bytes, fmu_person, import_bytes, xlsx_bytes


def refusal(content: bytes) -> str:
    with pytest.raises(FileRefused) as refused:
        open_sheet(io.BytesIO(content))
    return refused.value.message


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    assert "not an Excel workbook" in refusal(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_a_word_document_is_not_taken_for_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "not an Excel workbook" in refusal(buffer.getvalue())


def test_a_macro_enabled_workbook_is_refused():
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["name"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry))
        archive.writestr("xl/vbaProject.bin", b"\x00macro")
    assert "macros" in refusal(buffer.getvalue())


def test_a_password_protected_workbook_is_refused():
    """Excel saves an encrypted workbook as an OLE file with an EncryptedPackage stream."""
    content = reading.OLE_SIGNATURE + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")
    assert "password" in refusal(content)


def test_a_legacy_xls_file_is_refused_with_what_to_do():
    assert ".xlsx" in refusal(reading.OLE_SIGNATURE + b"\x00" * 600)


def test_a_zip_bomb_is_refused_before_it_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    assert "expands" in refusal(buffer.getvalue())


def test_a_million_rows_are_refused_with_the_documented_limit():
    content = b"name,donor_type\n" + b"Donor,other\n" * 1_000_000
    assert "200,000" in refusal(content)


def test_a_workbook_declaring_a_million_rows_is_refused_before_reading_them():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("donors")
    sheet.append(["name", "donor_type"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as archive:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.endswith("sheet1.xml"):
                data = data.replace(b"<sheetData>", b'<dimension ref="A1:B1000001"/><sheetData>')
            archive.writestr(entry, data)
    assert "200,000" in refusal(patched.getvalue())


@pytest.mark.django_db
def test_a_formula_is_never_evaluated_its_saved_value_is_taken(tmp_path):
    """openpyxl writes no saved value for a formula, as a spreadsheet program would: the cell
    reads as empty, so a required column says so; text starting with = is kept as text."""
    content = xlsx_bytes(
        [["name", "donor_type"], ['=HYPERLINK("http://x")', "foundation"], ["Plain", "=A1"]]
    )
    report = import_bytes(tmp_path, content, kind="donors", actor=fmu_person(), suffix=".xlsx")
    assert [(p.row, p.column) for p in report.problems] == [(2, "name"), (3, "donor_type")]


@pytest.mark.django_db
def test_text_starting_like_a_formula_is_stored_as_text(tmp_path):
    content = csv_bytes([["name", "donor_type"], ["=SUM(A1)", "other"], ["'+Plus", "other"]])
    report = import_bytes(tmp_path, content, kind="donors", actor=fmu_person())
    assert report.written
    assert Donor.objects.filter(name__in=["=SUM(A1)", "+Plus"]).count() == 2


@pytest.mark.parametrize(
    "cell", [date(2024, 3, 31), datetime(2024, 3, 31), "2024-03-31", "31/03/2024", "31.03.2024"]
)
def test_dates_are_read_in_three_formats(cell):
    assert as_date(cell) == date(2024, 3, 31)


def test_a_month_first_date_is_refused_not_misread():
    with pytest.raises(CellError, match="day first"):
        as_date("03/31/2024")


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,234,567.89", "1234567.89"),
        ("1.234.567,89", "1234567.89"),
        ("1 234 567,89", "1234567.89"),
        ("1234,5", "1234.5"),
        ("1000", "1000"),
        (1500.25, "1500.25"),
    ],
)
def test_amounts_with_english_or_spanish_thousands_separators(written, value):
    assert amount(written) == Decimal(value)


@pytest.mark.parametrize("written", ["1,000", "1.000"])
def test_an_amount_that_could_be_a_thousand_or_one_is_refused(written):
    with pytest.raises(CellError, match="ambiguous"):
        amount(written)


def test_the_exports_quote_is_taken_off_formula_like_text():
    assert text("'=1+1") == "=1+1"
    assert text("'quoted") == "'quoted"


@pytest.mark.django_db
def test_an_unknown_column_is_refused_so_nothing_is_lost(tmp_path):
    content = csv_bytes([["name", "donor_type", "webiste"], ["A", "other", "x"]])
    with pytest.raises(FileRefused, match="webiste"):
        import_bytes(tmp_path, content, kind="donors", actor=fmu_person())
