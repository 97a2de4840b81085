import socket

import numpy as np
import pytest

from poolfund.knowledge import embeddings
from poolfund.knowledge.models import KnowledgeDocument
from poolfund.knowledge.similarity import vector_index
from tests.knowledge.conftest import MODEL_INSTALLED

pytestmark = pytest.mark.skipif(not MODEL_INSTALLED, reason="wordllama is not installed")


@pytest.fixture
def no_network(monkeypatch):
    def refuse(self, address):
        raise OSError(f"no network in this test (tried {address})")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "auto")
    embeddings._load_sentence_model.cache_clear()
    yield
    embeddings._load_sentence_model.cache_clear()


def test_the_model_loads_from_its_package_without_the_network(no_network):
    vectors = embeddings.encode(["Consular assistance for migrants detained abroad.", ""])
    assert vectors.shape == (2, embeddings.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)
    assert not vectors[1].any()  # an empty text is a zero vector, not a division by zero


def test_encoding_keeps_the_order_of_the_texts():
    texts = ["Remittances cost less through mobile banking.", "Nurses", "Border management"]
    together = embeddings.encode(texts)
    one_by_one = np.vstack([embeddings.encode([text]) for text in texts])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)


@pytest.mark.django_db
def test_vectors_of_another_model_are_encoded_again(share_practice, monkeypatch):
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "auto")
    practice = share_practice(
        title="Consular help", what_was_done="Consuls visit detained migrants."
    )
    KnowledgeDocument.objects.filter(kind="practice", key=str(practice.pk)).update(
        embedding=np.ones(384, dtype=np.float32).tobytes(), embedding_model="all-MiniLM-L6-v2"
    )
    index = vector_index()
    assert index.matrix.shape[1] == embeddings.DIMENSIONS
    document = KnowledgeDocument.objects.get(kind="practice", key=str(practice.pk))
    assert document.embedding_model == embeddings.MODEL_NAME
    assert len(document.embedding) == embeddings.DIMENSIONS * 4
