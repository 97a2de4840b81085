"""The FMU's import page: template download, upload → preview (a background job) → errors by
row → confirm → import (a background job), and the same through the API."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook
from rest_framework.test import APIClient

from poolfund.donors.models import Deposit
from poolfund.imports.models import ImportStatus, SpreadsheetImport
from tests.donors.factories import commitment_for
from tests.imports.helpers import csv_bytes, fmu_person

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = ["commitment", "bank_reference", "received_on", "amount"]


def run_worker() -> None:
    call_command("worker", batch=True, verbosity=0)


@pytest.fixture
def fmu_client(client, fee_rate):
    client.force_login(fmu_person())
    commitment_for(amount="5000.00", reference="PAGE-C1")
    return client


def test_the_import_page_is_two_clicks_from_home_for_the_fmu(fmu_client):
    assert 'href="/open-data/"' in fmu_client.get("/").content.decode()
    assert 'href="/imports/"' in fmu_client.get("/open-data/").content.decode()


def test_the_deposits_template_has_a_header_an_example_and_code_lists(fmu_client):
    response = fmu_client.get("/imports/templates/deposits.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["deposits"]
    header = [cell.value for cell in sheet[1]]
    assert "bank_reference" in header and "commitment" in header
    assert sheet.cell(row=2, column=header.index("bank_reference") + 1).value == "BANK-2024-0001"
    validations = sheet.data_validations.dataValidation
    assert any("codes!" in validation.formula1 for validation in validations)
    assert {"columns", "codes"} <= set(workbook.sheetnames)


def test_upload_preview_errors_fix_and_import(fmu_client):
    bad = csv_bytes(
        [
            HEADER,
            ["PAGE-C1", "PB-1", "2024-03-04", "1000.00"],
            ["PAGE-C1", "PB-2", "31/02/2024", "10"],
        ]
    )
    response = fmu_client.post(
        "/imports/upload/",
        {"kind": "deposits", "file": SimpleUploadedFile("deposits.csv", bad, "text/csv")},
    )
    upload = SpreadsheetImport.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"/imports/{upload.pk}/"
    waiting = fmu_client.get(f"/imports/{upload.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in waiting
    run_worker()
    page = fmu_client.get(f"/imports/{upload.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "31/02/2024 is not a date" in page and "received_on" in page
    assert "hx-trigger" not in page
    assert not Deposit.objects.filter(bank_reference="PB-1").exists()

    good = bad.replace(b"31/02/2024", b"28/02/2024")
    fmu_client.post(
        "/imports/upload/",
        {"kind": "deposits", "file": SimpleUploadedFile("deposits.csv", good, "text/csv")},
    )
    fixed = SpreadsheetImport.objects.latest("pk")
    run_worker()
    fmu_client.post(f"/imports/{fixed.pk}/confirm/")
    run_worker()
    fixed.refresh_from_db()
    assert fixed.status == ImportStatus.IMPORTED, fixed.report["problems"]
    assert fixed.report["summary"].startswith("2 created, 0 updated, 0 unchanged")
    assert Deposit.objects.filter(bank_reference__in=["PB-1", "PB-2"]).count() == 2


def test_the_page_shows_errors_in_spanish(fmu_client):
    bad = csv_bytes([HEADER, ["PAGE-C1", "PB-1", "2024-03-04", "mucho"]])
    fmu_client.cookies["django_language"] = "es"
    fmu_client.post(
        "/imports/upload/",
        {"kind": "deposits", "file": SimpleUploadedFile("d.csv", bad, "text/csv")},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    run_worker()
    upload = SpreadsheetImport.objects.latest("pk")
    assert upload.report["problems"][0]["message"] == "mucho no es un importe."


def test_a_file_that_is_not_a_spreadsheet_is_refused_at_upload(fmu_client):
    response = fmu_client.post(
        "/imports/upload/",
        {"kind": "donors", "file": SimpleUploadedFile("x.csv", b"\x00\x01binary", "text/csv")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not an Excel workbook" in page
    assert 'data-testid="error-summary"' in page
    assert '<span class="usa-error-message" id="id_file_error">' in page
    assert 'data-error-code="spreadsheet_refused"' in page


def test_the_api_uploads_previews_and_imports(fee_rate):
    commitment_for(amount="5000.00", reference="API-C1")
    api = APIClient()
    api.force_authenticate(fmu_person())
    content = csv_bytes([HEADER, ["API-C1", "AB-1", "2024-03-04", "100.00"]])
    created = api.post(
        "/api/v1/imports/",
        {"kind": "deposits", "file": SimpleUploadedFile("d.csv", content, "text/csv")},
        format="multipart",
    )
    assert created.status_code == 202, created.content
    run_worker()
    body = api.get(f"/api/v1/imports/{created.json()['id']}/").json()
    assert body["status"] == "previewed" and body["report"]["counts"]["created"] == 1
    confirmed = api.post(f"/api/v1/imports/{body['id']}/confirm/", {}, format="json")
    assert confirmed.status_code == 202
    run_worker()
    assert api.get(f"/api/v1/imports/{body['id']}/").json()["status"] == "imported"
    assert Deposit.objects.filter(bank_reference="AB-1").exists()
