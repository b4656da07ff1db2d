"""Refusal: the model declined the request, fully or in part (the user got no or partial help)."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.refusal_phrases import REFUSAL_PHRASES

REFUSAL_PATTERN = "(?i)(" + "|".join(REFUSAL_PHRASES) + ")"
PARTIAL_SCORE = 0.75


class RefusalOptions(BaseModel):
    """Where a refusal phrase must stand to count as a full refusal, and extra phrases."""

    model_config = ConfigDict(extra="forbid")
    opening_chars: int = Field(300, ge=20, description="a phrase this close to the start refuses fully")
    extra_phrases: list[str] = Field(default_factory=list, description="more refusal regexes")


def refusal_phrase(text: pl.Expr, options: RefusalOptions) -> tuple[pl.Expr, pl.Expr]:
    """The refusal phrase in the opening of `text` and the one anywhere in it (null when none)."""
    pattern = "(?i)(" + "|".join([*REFUSAL_PHRASES, *options.extra_phrases]) + ")"
    normal = text.str.replace_all("’", "'")
    return (
        normal.str.slice(0, options.opening_chars).str.extract(pattern, 1),
        normal.str.extract(pattern, 1),
    )


def refusal_score(text: pl.Expr, options: RefusalOptions) -> tuple[pl.Expr, pl.Expr]:
    """Score 0 (refuses in the opening), PARTIAL_SCORE (refuses later), 1 (no refusal), and the phrase."""
    opening, anywhere = refusal_phrase(text, options)
    score = (
        pl.when(text.is_null()).then(None).when(opening.is_not_null()).then(0.0)
        .when(anywhere.is_not_null()).then(PARTIAL_SCORE).otherwise(1.0)
    )  # fmt: skip
    return score, anywhere


def refusal(batch: pl.DataFrame, options: RefusalOptions) -> pl.DataFrame:
    """Score 0 when the output opens with refusal phrasing, 0.25 when it refuses later, else 1."""
    score, phrase = refusal_score(pl.col("output"), options)
    return batch.select(result(score, pl.when(phrase.is_not_null()).then(pl.format('refused: "{}"', phrase))))


EVALUATOR = Evaluator(
    name="refusal",
    columns=("output",),
    threshold=0.5,
    compute=refusal,
    summary="Flags answers that decline the request, fully or in part.",
    options=RefusalOptions,
)
