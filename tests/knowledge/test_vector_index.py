import numpy as np
import pytest
from django.db import transaction

from poolfund.knowledge import embeddings, similarity
from poolfund.knowledge.indexer import delete_documents, write_documents
from poolfund.knowledge.models import KnowledgeDocument
from poolfund.knowledge.registry import DocumentFields
from poolfund.knowledge.similarity import vector_index
from tests.knowledge.conftest import MODEL_INSTALLED

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not MODEL_INSTALLED, reason="wordllama is not installed"),
]

TEXTS = {
    "remittances": "Mobile banking lowers the cost of remittances that migrant families receive.",
    "nurses": "Recognition of diplomas lets migrant nurses work in hospitals.",
    "consuls": "Consuls visit nationals detained abroad and call their families.",
    "shelters": "Shelters and referral routes for unaccompanied migrant children at the border.",
}


@pytest.fixture
def model_index_rebuilt_only_once(monkeypatch):
    """Writes a few documents and builds the model's index; any later full rebuild fails."""
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "auto")
    write_documents(
        "practice", [(key, DocumentFields(title=key, text=text)) for key, text in TEXTS.items()]
    )
    index = vector_index()

    def no_rebuild(method=None):
        raise AssertionError("the whole index was read again")

    monkeypatch.setattr(similarity, "build_vector_index", no_rebuild)
    return index


def _document(key: str) -> KnowledgeDocument:
    return KnowledgeDocument.objects.get(kind="practice", key=key)


def _assert_index_holds_the_stored_vectors(index) -> None:
    stored = dict(KnowledgeDocument.objects.values_list("id", "embedding"))
    assert sorted(index.row_of) == sorted(stored)
    for document_id, blob in stored.items():
        np.testing.assert_array_equal(
            index.matrix[index.row_of[document_id]], embeddings.from_bytes(blob)
        )


def test_a_write_and_a_deletion_update_the_models_index_in_place(model_index_rebuilt_only_once):
    before = model_index_rebuilt_only_once
    nurses = _document("nurses")
    write_documents(
        "practice", [("nurses", DocumentFields(title="Nurses", text=TEXTS["shelters"]))]
    )
    write_documents(
        "practice", [("ports", DocumentFields(title="Ports", text="Port health checks."))]
    )
    delete_documents(KnowledgeDocument.objects.filter(kind="practice", key="consuls"))
    after = vector_index()
    assert after is not before
    assert nurses.pk not in after.row_of
    _assert_index_holds_the_stored_vectors(after)
    nearest_id, _ = after.nearest(after.vector_for_document(_document("shelters")), 1, set())[0]
    assert nearest_id in {_document("shelters").pk, _document("nurses").pk}


def test_a_rolled_back_write_seen_by_the_index_does_not_linger(model_index_rebuilt_only_once):
    with transaction.atomic():
        write_documents("practice", [("ports", DocumentFields(title="Ports", text="Port checks."))])
        assert _document("ports").pk in vector_index().row_of
        transaction.set_rollback(True)
    # SQLite may give the rolled-back row's id to the next row: the index must not keep its vector.
    write_documents("practice", [("courts", DocumentFields(title="Courts", text=TEXTS["nurses"]))])
    _assert_index_holds_the_stored_vectors(vector_index())
