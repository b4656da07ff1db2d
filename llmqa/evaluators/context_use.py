"""Context use: how much of the retrieved context the answer draws on.

An answer that refuses or abstains is not scored: refusal and false_abstention own it
(`declining_left_out`).
"""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator
from llmqa.evaluators.overlap import covered_share, overlap_result
from llmqa.evaluators.refusal import declining_left_out


class ContextUseOptions(BaseModel):
    """Cap on the context words counted, so that long contexts are not penalised for their length."""

    model_config = ConfigDict(extra="forbid")
    max_words: int | None = Field(None, ge=1, description="count at most this many context words")
    max_terms: int = Field(6, ge=1, le=50, description="context words named in the reason")


def context_use(batch: pl.DataFrame, options: ContextUseOptions) -> pl.DataFrame:
    """Score the share of the context's distinct content words that the answer uses; null where it declines."""
    shares = covered_share(batch, "context", "output", options.max_words)
    return declining_left_out(
        batch, overlap_result(shares, options.max_terms, "unused context words include")
    )


EVALUATOR = Evaluator(
    name="context_use",
    columns=("context", "output"),
    threshold=0.05,
    compute=context_use,
    summary="Flags answers that ignore the retrieved context (a diagnostic: low values are not always wrong).",
    options=ContextUseOptions,
)
