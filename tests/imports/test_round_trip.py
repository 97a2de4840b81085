"""Export → import into an empty Fund → export gives the same files, for every kind, and the
regional brief's figures are the same."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from poolfund.api.tabular import csv_lines
from poolfund.donors.models import Donor
from poolfund.geo.selectors import region_by_name_or_code
from poolfund.imports.kinds import KINDS, kind_named
from poolfund.imports.workbooks import export_xlsx
from poolfund.ledger.models import LedgerAccount, LedgerTransaction
from poolfund.programmes.models import JointProgramme
from poolfund.reports.selectors import regional_brief
from tests.imports.emptying import empty
from tests.imports.helpers import csv_bytes, fmu_person, import_bytes

pytestmark = pytest.mark.django_db


def add_records_of_every_shape(tmp_path, actor) -> None:
    """Beyond the demo: a euro pledge earmarked to a thematic area with instalments, one to a
    region, a Spanish-style amount, a programme with its budget split, a transfer and its
    organisation's expenditure."""
    files = {
        "donors": [
            ["name", "donor_type", "is_un_member_state", "country"],
            ["Fundación Ejemplo", "foundation", "false", ""],
        ],
        "commitments": [
            [
                "reference",
                "donor",
                "signed_on",
                "amount",
                "currency",
                "thematic_area",
                "earmark_region",
                "steering_committee_decision",
                "instalments",
            ],
            [
                "RT-EUR-1",
                "Fundación Ejemplo",
                "2024-03-04",
                "1.500.000,00",
                "EUR",
                "2",
                "",
                "",
                "2024-06-03 750000.00; 2025-06-02 750000.00",
            ],
            [
                "RT-USD-2",
                "fundacion-ejemplo",
                "04/03/2024",
                "200000",
                "USD",
                "",
                "419",
                "SC decision 2024/7",
                "",
            ],
        ],
        "deposits": [
            ["commitment", "bank_reference", "received_on", "amount"],
            ["RT-EUR-1", "RT-BANK-1", "2024-06-03", "750000.00"],
            ["RT-USD-2", "RT-BANK-2", "2024-06-03", "=1+1"],
        ],
        "programmes": [
            [
                "code",
                "title",
                "description",
                "countries",
                "thematic_area",
                "objectives",
                "budget_usd",
                "budget_lines",
                "status",
                "starts_on",
                "ends_on",
            ],
            [
                "RT-JP-1",
                "Safe migration",
                "=cmd|' /C calc'!A0",
                "SLV; GTM",
                "1",
                "1; 3",
                "300000.00",
                "IOM 200000.00; UNDP 100000.00",
                "active",
                "2024-07-01",
                "2026-06-30",
            ],
        ],
        "transfers": [
            ["reference", "programme", "organisation", "occurred_on", "amount_usd"],
            ["RT-TR-1", "RT-JP-1", "IOM", "2024-07-15", "50000.00"],
        ],
        "expenditure": [
            ["programme", "organisation", "period_start", "period_end", "amount_usd"],
            ["RT-JP-1", "IOM", "2024-07-01", "2024-12-31", "30000.00"],
        ],
    }
    for kind, rows in files.items():
        report = import_bytes(tmp_path, csv_bytes(rows), kind=kind, actor=actor)
        if kind == "deposits":
            assert [(p.row, p.column) for p in report.problems] == [(3, "amount")]
            rows[2][3] = "100000.00"
            report = import_bytes(tmp_path, csv_bytes(rows), kind=kind, actor=actor)
        assert report.written, (kind, report.problems)


def exports() -> dict[str, tuple[str, list]]:
    files = {}
    for slug in KINDS:
        kind = kind_named(slug)
        sheet = load_workbook(io.BytesIO(export_xlsx(kind)), read_only=True).worksheets[0]
        files[slug] = (
            "".join(csv_lines(kind.header(), kind.export_rows())),
            [list(row) for row in sheet.values],
        )
    return files


def brief_figures() -> dict:
    brief = regional_brief(region=region_by_name_or_code("419"), as_of=date(2026, 12, 31))
    return {
        "programmes": [programme.code for programme in brief.portfolio.programmes],
        "total": brief.portfolio.total_usd,
        "areas": [
            (row.area.number, row.programmes, row.budget_usd) for row in brief.portfolio.areas
        ],
        "deposited": brief.capitalization.deposited_usd,
        "committed": brief.capitalization.committed_usd,
        "donors": [(row.donor.name, row.deposited_usd) for row in brief.donors],
    }


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_export_import_into_an_empty_fund_export_gives_the_same_files(tmp_path, format):
    actor = fmu_person()
    add_records_of_every_shape(tmp_path, actor)
    before, figures = exports(), brief_figures()
    assert "RT-BANK-1" in before["deposits"][0] and "RT-TR-1" in before["transfers"][0]
    assert "RT-JP-1,IOM,2024-07-01,2024-12-31,30000.00" in before["expenditure"][0]

    empty(Donor, LedgerTransaction, LedgerAccount, JointProgramme)
    assert not Donor.objects.exists() and not LedgerTransaction.objects.exists()
    for slug in KINDS:
        csv_text, cells = before[slug]
        content = csv_text.encode("utf-8") if format == "csv" else export_of(cells)
        report = import_bytes(tmp_path, content, kind=slug, actor=actor, suffix=f".{format}")
        assert report.written and not report.problems, (slug, report.problems[:3])

    after = exports()
    for slug in KINDS:
        assert after[slug] == before[slug], slug
    assert brief_figures() == figures


def export_of(cells: list[list]) -> bytes:
    from tests.imports.helpers import xlsx_bytes

    return xlsx_bytes(cells)


def test_importing_an_export_again_changes_nothing(tmp_path):
    actor = fmu_person()
    add_records_of_every_shape(tmp_path, actor)
    for slug, (csv_text, _cells) in exports().items():
        report = import_bytes(tmp_path, csv_text.encode(), kind=slug, actor=actor)
        assert report.summary().startswith(f"0 created, 0 updated, {report.rows} unchanged"), (
            slug,
            report.problems[:3],
        )
