"""The deterministic catalogue: registered evaluators that need no model, endpoint or extra install."""

from __future__ import annotations

from llmqa.evaluators import REGISTRY
from llmqa.evaluators.base import Evaluator

MODEL_BASED_MODULES = ("llmqa.judge", "llmqa.evaluators.judges", "llmqa.evaluators.semantic_similarity")


def deterministic_evaluators() -> dict[str, Evaluator]:
    """Evaluators whose compute is plain text processing (no judge model, no embeddings)."""
    return {
        name: evaluator
        for name, evaluator in REGISTRY.items()
        if not evaluator.module.startswith(MODEL_BASED_MODULES)
    }
