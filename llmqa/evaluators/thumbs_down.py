"""Thumbs down: the user rated the answer badly."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, result


class ThumbsDownOptions(BaseModel):
    """How feedback_score is scaled: thumbs (1 / 0) or symmetric (-1 .. 1)."""

    model_config = ConfigDict(extra="forbid")
    scale: Literal["thumbs", "symmetric"] = Field(
        "thumbs", description="thumbs (1 / 0) | symmetric (-1 .. 1)"
    )


def thumbs_down(batch: pl.DataFrame, options: ThumbsDownOptions) -> pl.DataFrame:
    """Score the feedback on a 0..1 scale (1 = satisfied); null where the user gave none."""
    value = pl.col("feedback_score")
    score = value if options.scale == "thumbs" else (value + 1.0) / 2.0
    return batch.select(result(score, pl.when(score < 0.5).then(pl.format("user feedback {}", value))))


EVALUATOR = Evaluator(
    name="thumbs_down",
    columns=("feedback_score",),
    threshold=0.5,
    compute=thumbs_down,
    summary="Flags answers the user rated badly.",
    options=ThumbsDownOptions,
)
