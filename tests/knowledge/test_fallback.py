import sys

import pytest

from poolfund.knowledge import embeddings
from poolfund.knowledge.models import KnowledgeDocument
from poolfund.knowledge.similarity import TFIDF, current_method, similar_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def model_package_absent(monkeypatch):
    """As if `pip install -e .` had been run without the `semantic` extra."""
    monkeypatch.setitem(sys.modules, "wordllama", None)
    embeddings._load_sentence_model.cache_clear()
    yield
    embeddings._load_sentence_model.cache_clear()


def test_without_the_model_package_similarity_falls_back_to_tfidf(
    model_package_absent, share_practice
):
    assert embeddings.sentence_model() is None
    assert current_method() == TFIDF
    text = "Municipal one-stop shops register migrants for health care and school places."
    first = share_practice(title="One-stop shops", what_was_done=text, countries=["PER"])
    share_practice(title="One-stop centres", what_was_done=text, countries=["PER"])
    document = KnowledgeDocument.objects.get(kind="practice", key=str(first.pk))
    assert document.embedding is None
    works = similar_documents(document)
    assert works[0].document.title == "One-stop centres"
    assert works[0].warning == "possible-duplication"


def test_encoding_without_the_model_is_refused_plainly(model_package_absent):
    with pytest.raises(RuntimeError, match="not available"):
        embeddings.encode(["anything"])
