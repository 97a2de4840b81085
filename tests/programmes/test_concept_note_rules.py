import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from poolfund.framework.models import Objective, ThematicArea
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.documents import DocumentRefused, attach_document
from poolfund.programmes.errors import InvalidConceptNote
from poolfund.programmes.services.budget_lines import split_approved_amount, split_indirect_cost
from poolfund.programmes.services.concept_notes import draft_concept_note
from tests.programmes.factories import content, note_in, organisation

pytestmark = pytest.mark.django_db


def objectives(*numbers):
    return list(Objective.objects.filter(framework__code="gcm", number__in=numbers))


def test_at_least_one_objective_must_be_in_the_thematic_area(cast):
    with pytest.raises(InvalidConceptNote, match="belong to thematic area 2") as refused:
        draft_concept_note(actor=cast.organisation, content=content(objectives=objectives(5)))
    assert "objectives" in refused.value.fields


def test_objective_23_alone_does_not_place_a_note_in_an_area(cast):
    with pytest.raises(InvalidConceptNote, match="cross-cutting objective 23"):
        draft_concept_note(actor=cast.organisation, content=content(objectives=objectives(23)))


def test_objective_23_and_objectives_of_other_areas_may_join_one_of_the_area(cast):
    note = draft_concept_note(
        actor=cast.organisation, content=content(objectives=objectives(7, 10, 23))
    )
    assert sorted(note.objectives.values_list("number", flat=True)) == [7, 10, 23]


def test_a_note_needs_an_objective(cast):
    with pytest.raises(InvalidConceptNote, match="at least one GCM objective"):
        draft_concept_note(actor=cast.organisation, content=content(objectives=[]))


def test_a_note_names_a_country_or_regional_body(cast):
    with pytest.raises(InvalidConceptNote, match="country or regional body"):
        draft_concept_note(actor=cast.organisation, content=content(countries=[]))


def test_a_joint_programme_needs_two_organisations(cast):
    one = [(organisation("IOM"), Decimal("1000000.00"))]
    with pytest.raises(InvalidConceptNote, match="at least two participating UN organisations"):
        draft_concept_note(actor=cast.organisation, content=content(budget_lines=one))


def test_a_single_organisation_is_allowed_as_an_exception_with_its_reason(cast):
    one = [(organisation("IOM"), Decimal("1000000.00"))]
    with pytest.raises(InvalidConceptNote, match="Say why"):
        draft_concept_note(
            actor=cast.organisation,
            content=content(budget_lines=one, single_organisation_exception=True),
        )
    note = draft_concept_note(
        actor=cast.organisation,
        content=content(
            budget_lines=one,
            single_organisation_exception=True,
            exception_justification="Only IOM is present in the area.",
        ),
    )
    assert note.single_organisation_exception


def test_the_split_by_organisation_must_add_up_to_the_request(cast):
    with pytest.raises(InvalidConceptNote, match=r"adds up to USD 1,000,000.00, not .*999,999.99"):
        draft_concept_note(
            actor=cast.organisation, content=content(requested_budget_usd=Decimal("999999.99"))
        )


def test_a_focal_point_drafts_only_for_their_own_organisation_or_country(cast):
    with pytest.raises(InvalidConceptNote, match="your own organisation or country"):
        draft_concept_note(actor=cast.other_organisation, content=content())
    assert (
        draft_concept_note(actor=cast.government, content=content()).drafted_by == cast.government
    )


def test_a_returned_note_can_be_resubmitted(cast):
    from poolfund.programmes.services.concept_notes import revise_concept_note
    from poolfund.programmes.services.transitions import submit_concept_note

    note = note_in(State.RETURNED, cast)
    revise_concept_note(
        actor=cast.organisation, note=note, content=content(title="Revised"), reason="as asked"
    )
    note = submit_concept_note(actor=cast.organisation, note=note)
    assert (note.title, note.state) == ("Revised", State.SUBMITTED)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_pdf_and_docx_documents_are_attached_under_safe_names(cast):
    note = note_in(State.DRAFT, cast)
    pdf = attach_document(
        actor=cast.organisation,
        note=note,
        upload=SimpleUploadedFile("../../etc/concept note.pdf", b"%PDF-1.7\n%%EOF"),
    )
    docx = attach_document(
        actor=cast.organisation,
        note=note,
        upload=SimpleUploadedFile("budget.docx", docx_bytes()),
    )
    assert pdf.media_type == "application/pdf"
    assert docx.media_type.endswith("wordprocessingml.document")
    assert ".." not in pdf.file.name and " " not in pdf.file.name
    assert pdf.file.name.endswith("-concept_note.pdf")


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("malware.pdf", b"MZ\x90\x00 an executable renamed"),
        ("fake.docx", b"PK\x03\x04 not really a zip"),
        ("sheet.docx", None),
    ],
)
def test_documents_are_recognised_by_content_not_name(cast, name, payload):
    if payload is None:  # a real ZIP, but a spreadsheet rather than a Word document
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<workbook/>")
        payload = buffer.getvalue()
    note = note_in(State.DRAFT, cast)
    with pytest.raises(DocumentRefused, match="neither a PDF nor a Word"):
        attach_document(
            actor=cast.organisation, note=note, upload=SimpleUploadedFile(name, payload)
        )


@override_settings(POOLFUND_MAX_DOCUMENT_BYTES=100)
def test_documents_over_the_size_limit_are_refused(cast):
    note = note_in(State.DRAFT, cast)
    with pytest.raises(DocumentRefused, match="the limit is 100 bytes"):
        attach_document(
            actor=cast.organisation,
            note=note,
            upload=SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 200),
        )


def test_documents_are_not_added_once_a_note_is_submitted(cast):
    note = note_in(State.SUBMITTED, cast)
    with pytest.raises(DocumentRefused, match="drafts"):
        attach_document(
            actor=cast.organisation, note=note, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
        )


@given(
    shares=st.lists(
        st.decimals(min_value="0.01", max_value="5000000", places=2), min_size=1, max_size=6
    ),
    approved=st.decimals(min_value="1", max_value="9000000", places=2),
)
def test_the_approved_amount_is_split_to_the_cent_without_losing_any(shares, approved):
    lines = [(index, share) for index, share in enumerate(shares)]
    split = split_approved_amount(lines, approved)
    assert sum(share for _organisation, share in split) == approved


@given(
    total=st.decimals(min_value="0", max_value="10000000", places=2),
    rate=st.decimals(min_value="0", max_value="0.2", places=4),
)
def test_direct_and_indirect_cost_add_up_to_the_share(total, rate):
    direct, indirect = split_indirect_cost(total, rate)
    assert direct + indirect == total
    assert abs(indirect - direct * rate) <= Decimal("0.01")


def test_thematic_area_of_the_note_is_exactly_one(cast):
    note = draft_concept_note(actor=cast.organisation, content=content())
    assert isinstance(note.thematic_area, ThematicArea)
