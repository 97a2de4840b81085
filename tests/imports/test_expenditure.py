"""Expenditure from a spreadsheet: through record_expenditure (within the organisation's share
of the budget), one transaction per file, idempotent by programme, organisation and period."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from poolfund.programmes.models import ExpenditureReport
from tests.imports.helpers import csv_bytes, fmu_person, import_bytes

pytestmark = pytest.mark.django_db
HEADER = ["programme", "organisation", "period_start", "period_end", "amount_usd"]


@pytest.fixture
def actor():
    return fmu_person()


@pytest.fixture
def programme(tmp_path, actor):
    rows = [
        ["code", "title", "description", "countries", "thematic_area", "budget_usd"],
        ["EXP-JP-1", "Safe migration", "…", "SLV", "1", "300000.00"],
    ]
    rows[0] += ["budget_lines", "starts_on", "ends_on"]
    rows[1] += ["IOM 200000.00; UNDP 100000.00", "2024-01-01", "2025-12-31"]
    report = import_bytes(tmp_path, csv_bytes(rows), kind="programmes", actor=actor)
    assert report.written, report.problems


def spent(programme_code: str = "EXP-JP-1") -> list[tuple]:
    return [
        (report.organisation.acronym, str(report.period_end), report.amount_usd)
        for report in ExpenditureReport.objects.filter(programme__code=programme_code).order_by(
            "organisation__acronym", "period_end"
        )
    ]


def test_expenditure_is_recorded_and_the_same_file_again_changes_nothing(
    tmp_path, actor, programme
):
    content = csv_bytes(
        [
            HEADER,
            ["EXP-JP-1", "IOM", "2024-01-01", "2024-12-31", "120,000.00"],
            ["EXP-JP-1", "UNDP", "01/01/2024", "31/12/2024", "50.000,50"],
        ]
    )
    first = import_bytes(tmp_path, content, kind="expenditure", actor=actor)
    assert first.summary().startswith("2 created, 0 updated, 0 unchanged"), first.problems
    assert spent() == [
        ("IOM", "2024-12-31", Decimal("120000.00")),
        ("UNDP", "2024-12-31", Decimal("50000.50")),
    ]
    again = import_bytes(tmp_path, content, kind="expenditure", actor=actor)
    assert again.summary().startswith("0 created, 0 updated, 2 unchanged")
    assert ExpenditureReport.objects.filter(programme__code="EXP-JP-1").count() == 2


def test_a_file_with_a_bad_row_writes_nothing_and_names_row_and_column(tmp_path, actor, programme):
    content = csv_bytes(
        [
            HEADER,
            ["EXP-JP-1", "IOM", "2024-01-01", "2024-12-31", "100000.00"],
            ["EXP-JP-1", "IOM", "2025-01-01", "2025-12-31", "120000.00"],
            ["EXP-JP-1", "WFP", "2024-01-01", "2024-12-31", "10.00"],
            ["NO-SUCH", "IOM", "2024-01-01", "2024-12-31", "10.00"],
            ["EXP-JP-1", "UNDP", "2024-01-01", "2024-12-31", "1,000.125"],
        ]
    )
    report = import_bytes(tmp_path, content, kind="expenditure", actor=actor)
    assert [(problem.row, problem.column) for problem in report.problems] == [
        (3, "amount_usd"),  # beyond IOM's share of USD 200,000 with row 2
        (4, "organisation"),  # no share of the budget
        (5, "programme"),
        (6, ""),  # more decimals than USD has
    ]
    assert "more than its budget of USD 200,000.00" in report.problems[0].message
    assert not report.written and spent() == []


def test_recorded_expenditure_with_other_values_is_refused_not_edited(tmp_path, actor, programme):
    row = ["EXP-JP-1", "IOM", "2024-01-01", "2024-12-31", "1000.00"]
    import_bytes(tmp_path, csv_bytes([HEADER, row]), kind="expenditure", actor=actor)
    changed = csv_bytes([HEADER, [*row[:4], "2000.00"]])
    report = import_bytes(tmp_path, changed, kind="expenditure", actor=actor)
    assert [(problem.row, problem.column) for problem in report.problems] == [(2, "amount_usd")]
    assert "not edited" in report.problems[0].message
    assert spent() == [("IOM", "2024-12-31", Decimal("1000.00"))]


def test_the_page_offers_the_template_with_the_organisations_and_an_example_row(client):
    client.force_login(fmu_person())
    assert 'data-testid="template-expenditure"' in client.get("/imports/").content.decode()
    response = client.get("/imports/templates/expenditure.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["expenditure"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert list(rows[1]) == ["JP-01", "IOM", "2024-01-01", "2024-12-31", "150000.00"]
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref).startswith("B2:")
    assert "IOM" in [row[1] for row in workbook["codes"].iter_rows(values_only=True)]
