"""Answer relevance: the answer talks about what the question asks (its key words)."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator
from llmqa.evaluators.overlap import covered_share, overlap_result


class AnswerRelevanceOptions(BaseModel):
    """How many question key words the answer must echo for full marks."""

    model_config = ConfigDict(extra="forbid")
    key_words: int = Field(2, ge=1, description="matching this many question words scores 1")
    max_terms: int = Field(6, ge=1, le=50, description="question words named in the reason")


def answer_relevance(batch: pl.DataFrame, options: AnswerRelevanceOptions) -> pl.DataFrame:
    """Score the share of (at most `key_words`) question content words found in the answer."""
    return overlap_result(
        covered_share(batch, "input", "output", options.key_words), options.max_terms, "answer never mentions"
    )


EVALUATOR = Evaluator(
    name="answer_relevance",
    columns=("input", "output"),
    threshold=0.5,
    compute=answer_relevance,
    summary="Flags answers that share no key word with the question.",
    options=AnswerRelevanceOptions,
)
