"""Every upload endpoint refuses files of the wrong type, files over the size limit and
hostile names (paths, NUL and control characters, names that clean to nothing), with a message
and nothing stored; the name a file is stored under is always generated.

The only upload endpoint is a concept note's documents page (`/concept-notes/<ref>/documents/`):
IATI files and currency rates are imported from the command line, forum files through the
admin. The bodies are built by hand, because Django's test client strips paths from names."""

import uuid

import pytest
from django.test import override_settings

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.models import ConceptNoteDocument
from tests.programmes.factories import Cast, note_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF"


def upload(client, note, file_name: bytes, content: bytes, media_type=b"application/pdf"):
    boundary = uuid.uuid4().hex.encode()
    body = b"\r\n".join(
        [
            b"--" + boundary,
            b'Content-Disposition: form-data; name="file"; filename="' + file_name + b'"',
            b"Content-Type: " + media_type,
            b"",
            content,
            b"--" + boundary + b"--",
            b"",
        ]
    )
    return client.post(
        f"/concept-notes/{note.reference}/documents/",
        body,
        content_type=f"multipart/form-data; boundary={boundary.decode()}",
    )


def said(response) -> str:
    """The refusal as the page shows it again: in the error summary of the upload form."""
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    return page[page.index('data-testid="error-summary"') :]


@pytest.fixture
def draft(client):
    cast = Cast.create()
    client.force_login(cast.organisation)
    return note_in(State.DRAFT, cast)


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        (b"plan.pdf", b"MZ\x90\x00 a Windows program", b"application/pdf"),
        (b"plan.pdf", b"<html><script>alert(1)</script></html>", b"text/html"),
        (b"plan.docx", b"PK\x03\x04 not really a zip", b"application/zip"),
        (b"plan.svg", b"<svg onload='alert(1)'/>", b"image/svg+xml"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused(client, draft, name, content, media_type):
    response = upload(client, draft, name, content, media_type)
    assert "neither a PDF nor a Word" in said(response)
    assert not ConceptNoteDocument.objects.exists()


@override_settings(POOLFUND_MAX_DOCUMENT_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused(client, draft):
    response = upload(client, draft, b"huge.pdf", PDF + b"0" * 5000)
    assert "the limit is 1,024 bytes" in said(response)
    assert not ConceptNoteDocument.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        b"../../etc/passwd",
        b"../../etc/passwd.pdf",
        b"..\\..\\windows\\system32\\plan.pdf",
        b"/etc/cron.d/plan.pdf",
        b"plan\x00.pdf",
        b"plan\x00../../x.pdf",
        b"pl\x01an\x1b[31m\x7f.pdf",
        b"..pdf",
        b"....",
        b"%2e%2e%2fplan.pdf",
        b"&#46;&#46;&#47;plan.pdf",
        b"<script>alert(1)</script>.pdf",
        b"a" * 400 + b".pdf",
        b"\xe2\x80\xae fdp.exe",  # right-to-left override
    ],
)
def test_a_hostile_name_never_reaches_the_disk(client, draft, name):
    response = upload(client, draft, name, PDF)
    stored = ConceptNoteDocument.objects.exists()
    assert response.status_code == (302 if stored else 200), response.status_code
    for document in ConceptNoteDocument.objects.all():
        stored = document.file.name
        assert stored.startswith("concept-notes/") and stored.endswith(".pdf")
        assert ".." not in stored and "\\" not in stored and stored.count("/") == 2
        assert all(character.isprintable() for character in stored)
        shown = document.original_name
        assert "/" not in shown and "\\" not in shown and ".." not in shown
        assert all(character.isprintable() for character in shown) and "<" not in shown
    if not ConceptNoteDocument.objects.exists():
        assert said(response)  # a refusal says why


def test_the_note_s_page_offers_its_author_the_revision_link_and_the_upload_form(client, draft):
    page = client.get(f"/concept-notes/{draft.reference}/").content.decode()
    assert 'data-testid="edit"' in page
    assert f'action="/concept-notes/{draft.reference}/documents/"' in page
