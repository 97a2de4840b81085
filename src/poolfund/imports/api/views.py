from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.api.permissions import allowed_by
from poolfund.imports.api.serializers import (
    ConfirmInputSerializer,
    SpreadsheetImportSerializer,
    UploadInputSerializer,
)
from poolfund.imports.models import SpreadsheetImport
from poolfund.imports.services import confirm_import, upload_spreadsheet

PERMISSION = "imports.import_spreadsheet"


class ImportList(APIView):
    """Upload a spreadsheet (FMU): it is checked in the background (a preview that writes
    nothing); follow `GET /api/v1/imports/<id>/`, then confirm."""

    permission_classes = [allowed_by(PERMISSION)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=UploadInputSerializer, responses={202: SpreadsheetImportSerializer})
    def post(self, request: Request) -> Response:
        given = UploadInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        file = given.validated_data["file"]
        created = upload_spreadsheet(
            actor=request.user,
            kind=given.validated_data["kind"],
            name=file.name,
            content=file.read(),
            language=get_language() or "en",
        )
        return Response(SpreadsheetImportSerializer(created).data, status=202)


class ImportDetail(generics.RetrieveAPIView):
    """A spreadsheet import: its status, progress and report (FMU)."""

    permission_classes = [allowed_by(PERMISSION)]
    serializer_class = SpreadsheetImportSerializer
    queryset = SpreadsheetImport.objects.select_related("uploaded_by")


class ImportConfirm(APIView):
    """Import a previewed spreadsheet (FMU), in the background."""

    permission_classes = [allowed_by(PERMISSION)]

    @extend_schema(request=ConfirmInputSerializer, responses={202: SpreadsheetImportSerializer})
    def post(self, request: Request, pk: int) -> Response:
        given = ConfirmInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        found = get_object_or_404(SpreadsheetImport, pk=pk)
        confirmed = confirm_import(
            actor=request.user, upload=found, skip_bad_rows=given.validated_data["skip_bad_rows"]
        )
        return Response(SpreadsheetImportSerializer(confirmed).data, status=202)
