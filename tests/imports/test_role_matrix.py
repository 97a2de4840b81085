"""Who may bring records in from spreadsheets: the FMU only."""

from django.core.files.uploadedfile import SimpleUploadedFile

from poolfund.accounts.choices import Role
from poolfund.imports.models import ImportStatus, SpreadsheetImport
from tests.imports.helpers import csv_bytes, fmu_person
from tests.matrix import Endpoint, role_matrix


def previewed_upload(user) -> dict:
    upload = SpreadsheetImport.objects.create(
        kind="donors",
        original_name="donors.csv",
        digest="0" * 64,
        content=csv_bytes([["name", "donor_type"], ["Matrix donor", "other"]]),
        uploaded_by=fmu_person(),
        status=ImportStatus.PREVIEWED,
    )
    return {"upload": upload}


def donors_file(context) -> dict:
    content = csv_bytes([["name", "donor_type"], ["Matrix donor", "other"]])
    return {"kind": "donors", "file": SimpleUploadedFile("donors.csv", content, "text/csv")}


FMU = {Role.FMU}

test_imports_role_matrix = role_matrix(
    Endpoint("import page", "GET", "/imports/", allowed=FMU),
    Endpoint("donors template", "GET", "/imports/templates/donors.xlsx", allowed=FMU),
    Endpoint("deposits export", "GET", "/imports/exports/deposits.csv", allowed=FMU),
    Endpoint(
        "upload a spreadsheet",
        "POST",
        "/imports/upload/",
        allowed=FMU,
        payload=donors_file,
        success=(302,),
    ),
    Endpoint(
        "an import's page",
        "GET",
        lambda context: f"/imports/{context['upload'].pk}/",
        allowed=FMU,
        setup=previewed_upload,
    ),
    Endpoint(
        "confirm an import",
        "POST",
        lambda context: f"/imports/{context['upload'].pk}/confirm/",
        allowed=FMU,
        setup=previewed_upload,
        success=(302,),
    ),
    Endpoint(
        "upload through the API",
        "POST",
        "/api/v1/imports/",
        allowed=FMU,
        api=True,
        payload=donors_file,
        multipart=True,
        success=(202,),
    ),
    Endpoint(
        "an import through the API",
        "GET",
        lambda context: f"/api/v1/imports/{context['upload'].pk}/",
        allowed=FMU,
        api=True,
        setup=previewed_upload,
    ),
    Endpoint(
        "confirm through the API",
        "POST",
        lambda context: f"/api/v1/imports/{context['upload'].pk}/confirm/",
        allowed=FMU,
        api=True,
        setup=previewed_upload,
        payload=lambda context: {"skip_bad_rows": False},
        success=(202,),
    ),
)
