"""Documents attached to concept notes (PDF or DOCX) and to reports (also XLSX), recognised by
their content (not their name), within a size limit, stored under a safe generated name."""

import io
import re
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.errors import DomainError
from poolfund.programmes.models import ConceptNote, ConceptNoteDocument
from poolfund.programmes.workflow import EDITABLE_STATES

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx"}
NAMES = {PDF: "PDF", DOCX: "Word (DOCX)", XLSX: "Excel (XLSX)"}


class DocumentRefused(DomainError):
    code = "document_refused"


def sniff_media_type(head: bytes, whole: bytes) -> str | None:
    """PDF by its `%PDF-` header; DOCX and XLSX as a ZIP holding a Word main document or an
    Excel workbook."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(whole)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if {"[Content_Types].xml", "word/document.xml"} <= names:
            return DOCX
        if {"[Content_Types].xml", "xl/workbook.xml"} <= names:
            return XLSX
    return None


def cleaned_name(name: str) -> str:
    """The name with letters, digits, '-', '_' and single inner dots only ('' if nothing is
    left): no path, no control character, no '..'."""
    try:
        cleaned = get_valid_filename(name)
    except SuspiciousFileOperation:  # the name cleans to nothing, '.' or '..'
        return ""
    return re.sub(r"\.{2,}", ".", cleaned).strip(".")


def safe_file_name(original_name: str, media_type: str) -> str:
    stem = cleaned_name(original_name.rsplit(".", 1)[0])[:80] or "document"
    return f"{uuid.uuid4().hex[:12]}-{stem}{EXTENSIONS[media_type]}"


def not_accepted(name: str, media_types: tuple[str, ...]) -> str:
    """ "x is neither a PDF nor a Word (DOCX) document …", "x is not a PDF, Word (DOCX) or
    Excel (XLSX) document …"."""
    names = [NAMES[kind] for kind in media_types]
    if len(names) == 2:
        return gettext(
            "%(name)s is neither a %(first)s nor a %(second)s document; only those are accepted."
        ) % {"name": name, "first": names[0], "second": names[1]}
    return gettext(
        "%(name)s is not a %(others)s or %(last)s document; only those are accepted."
    ) % {"name": name, "others": ", ".join(names[:-1]), "last": names[-1]}


def store_checked_upload(document, upload: UploadedFile, *, accepted: tuple[str, ...]) -> None:
    """Check `upload`'s size and content (one of the `accepted` media types) and store it in
    `document`'s `file`, `original_name`, `media_type` and `size` (the caller saves it)."""
    limit = settings.POOLFUND_MAX_DOCUMENT_BYTES
    name = upload.name or ""
    size = upload.seek(0, io.SEEK_END)  # the end's position; `upload.size` may be unset
    if size > limit:
        raise DocumentRefused(
            gettext("%(name)s is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"name": name, "size": f"{size:,}", "limit": f"{limit:,}"}
        )
    upload.seek(0)
    content = upload.read()
    media_type = sniff_media_type(content[:8], content)
    if media_type not in accepted:
        raise DocumentRefused(not_accepted(name, accepted))
    upload.seek(0)
    document.original_name = cleaned_name(name)[:255] or "document"
    document.media_type = media_type
    document.size = size
    document.file.save(safe_file_name(name, media_type), upload, save=False)


@transaction.atomic
def attach_document(*, actor: User, note: ConceptNote, upload: UploadedFile) -> ConceptNoteDocument:
    require(actor, "programmes.revise_concept_note", note)
    if note.state not in EDITABLE_STATES:
        raise DocumentRefused(
            gettext("Documents are attached to drafts and notes returned for revision.")
        )
    document = ConceptNoteDocument(concept_note=note, uploaded_by=actor)
    store_checked_upload(document, upload, accepted=(PDF, DOCX))
    document.save()
    record_event(
        actor=actor,
        action=AuditAction.CREATE,
        instance=document,
        reason="attached",
    )
    return document
