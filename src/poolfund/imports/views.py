"""The FMU's spreadsheet import page: templates and exports per kind, upload → preview →
confirm. The preview and the import run as background jobs; the page shows their progress."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.api.tabular import csv_response
from poolfund.errors import DomainError
from poolfund.imports import workbooks
from poolfund.imports.forms import ConfirmForm, UploadForm
from poolfund.imports.kinds import KINDS, kind_named
from poolfund.imports.models import ImportStatus, SpreadsheetImport
from poolfund.imports.services import confirm_import, upload_spreadsheet
from poolfund.web.forms import show_domain_error

PERMISSION = "imports.import_spreadsheet"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT = 20


def _index(request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    context = {
        "kinds": [kind() for kind in KINDS.values()],
        "form": form,
        "imports": SpreadsheetImport.objects.select_related("uploaded_by")[:RECENT],
    }
    return render(request, "imports/index.html", context, status=status)


@permission_required(PERMISSION)
def index(request: HttpRequest) -> HttpResponse:
    return _index(request, UploadForm(initial={"kind": request.GET.get("kind", "")}))


@require_POST
@permission_required(PERMISSION)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index(request, form, status=400)
    try:
        created = upload_spreadsheet(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            name=form.cleaned_data["file"].name,
            content=form.cleaned_data["file"].read(),
            language=get_language() or "en",
        )
    except DomainError as error:
        error.fields = error.fields or {"file": error.message}  # the file is what is refused
        show_domain_error(form, error)
        return _index(request, form, status=400)
    return redirect("imports:detail", created.pk)


@permission_required(PERMISSION)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(SpreadsheetImport.objects.select_related("uploaded_by"), pk=pk)
    context = {
        "upload": found,
        "kind": kind_named(found.kind),
        "running": found.status in (ImportStatus.PREVIEWING, ImportStatus.IMPORTING),
        "confirm_form": ConfirmForm(),
    }
    template = (
        "imports/_status.html" if request.headers.get("HX-Request") else "imports/detail.html"
    )
    return render(request, template, context)


@require_POST
@permission_required(PERMISSION)
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(SpreadsheetImport, pk=pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    confirm_import(
        actor=request.user,
        upload=found,
        skip_bad_rows=form.cleaned_data.get("skip_bad_rows", False),
    )
    return redirect("imports:detail", found.pk)


def _kind_or_404(slug: str):
    if slug not in KINDS:
        raise Http404
    return kind_named(slug)


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required(PERMISSION)
def template(request: HttpRequest, kind: str, format: str) -> HttpResponse:
    found = _kind_or_404(kind)
    filename = f"poolfund-{kind}-template.{format}"
    if format == "csv":
        return csv_response(
            filename, found.header(), [[column.example for column in found.columns]]
        )
    return _attachment(HttpResponse(workbooks.template_xlsx(found), content_type=XLSX), filename)


@permission_required(PERMISSION)
def export(request: HttpRequest, kind: str, format: str) -> HttpResponse:
    found = _kind_or_404(kind)
    filename = f"poolfund-{kind}.{format}"
    if format == "csv":
        return csv_response(filename, found.header(), found.export_rows(), stream=True)
    return _attachment(HttpResponse(workbooks.export_xlsx(found), content_type=XLSX), filename)
