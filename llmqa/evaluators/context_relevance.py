"""Context relevance: the retrieved context is about the question (retrieval found the right text)."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator
from llmqa.evaluators.overlap import covered_share, overlap_result


class ContextRelevanceOptions(BaseModel):
    """How many question key words the context must contain for full marks."""

    model_config = ConfigDict(extra="forbid")
    key_words: int = Field(3, ge=1, description="finding this many question words scores 1")
    max_terms: int = Field(6, ge=1, le=50, description="question words named in the reason")


def context_relevance(batch: pl.DataFrame, options: ContextRelevanceOptions) -> pl.DataFrame:
    """Score the share of (at most `key_words`) question content words found in the context."""
    return overlap_result(
        covered_share(batch, "input", "context", options.key_words),
        options.max_terms,
        "context never mentions",
    )


EVALUATOR = Evaluator(
    name="context_relevance",
    columns=("input", "context"),
    threshold=0.5,
    compute=context_relevance,
    summary="Flags retrieved context that shares few key words with the question.",
    options=ContextRelevanceOptions,
)
