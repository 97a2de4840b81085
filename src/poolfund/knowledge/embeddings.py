"""Sentence embeddings from WordLlama (`l2_supercat`, 256 dimensions), whose weights and
tokenizer ship inside the `wordllama` package (the optional `semantic` extra); numpy only, on
the CPU, offline. See docs/decisions/0004-wordllama-sentence-model.md for the choice.

When the package is absent, or `POOLFUND_SEMANTIC_MODEL=off`, `sentence_model()` answers None
and the engine falls back to TF-IDF (see `similarity.py`)."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from poolfund.lazy import lazy_module

np = lazy_module("numpy")


logger = logging.getLogger(__name__)

MODEL_NAME = "wordllama-l2-supercat-256"
"""Stored with every vector: documents encoded by another model are encoded again."""
DIMENSIONS = 256
BATCH_SIZE = 256


def semantic_model_wanted() -> bool:
    return os.environ.get("POOLFUND_SEMANTIC_MODEL", "auto").strip().lower() != "off"


@functools.cache
def _load_sentence_model():
    try:
        import wordllama
    except ImportError:
        logger.info("wordllama is not installed: knowledge similarity uses TF-IDF.")
        return None
    # `WordLlama.load()` looks for the bundled tokenizer in a folder that does not exist and
    # would download it; pointing its cache at the package's own folders finds both files.
    package_folder = Path(wordllama.__file__).parent
    return wordllama.WordLlama.load(
        "l2_supercat", dim=DIMENSIONS, cache_dir=package_folder, disable_download=True
    )


def sentence_model():
    """The loaded model, or None when it is absent or switched off."""
    return _load_sentence_model() if semantic_model_wanted() else None


def encode(texts: list[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text. Texts are embedded sorted by length,
    so that a batch pads little; give many texts at once."""
    model = sentence_model()
    if model is None:
        raise RuntimeError("The sentence-embedding model is not available.")
    order = sorted(range(len(texts)), key=lambda position: len(texts[position]))
    vectors = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    if texts:
        vectors[order] = model.embed([texts[position] for position in order], batch_size=batch_size)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()
