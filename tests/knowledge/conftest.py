import importlib.util

import pytest

from poolfund.accounts.choices import Role
from poolfund.knowledge import services
from poolfund.knowledge.embeddings import MODEL_NAME
from tests.accounts.factories import user_with_role
from tests.programmes.conftest import cast  # noqa: F401  (the same people in each role)

MODEL_INSTALLED = importlib.util.find_spec("wordllama") is not None


@pytest.fixture
def contributor(db):
    return user_with_role(Role.ORGANISATION_FOCAL_POINT)


@pytest.fixture(params=["tfidf", MODEL_NAME])
def similarity_method(request, monkeypatch):
    """Run a test with the TF-IDF fallback, then with the model when it is installed."""
    if request.param == "tfidf":
        monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "off")
    elif MODEL_INSTALLED:
        monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "auto")
    else:
        pytest.skip("wordllama is not installed (pip install -e '.[semantic]')")
    return request.param


@pytest.fixture
def share_practice(contributor, django_capture_on_commit_callbacks):
    """Share a practice as a contributor and let the indexer run as on commit."""

    def share(**values):
        values.setdefault("problem", values.get("what_was_done", ""))
        with django_capture_on_commit_callbacks(execute=True):
            return services.share_practice(actor=contributor, **values)

    return share
