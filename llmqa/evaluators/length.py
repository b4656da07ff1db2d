"""Length limits: the output's characters and words stay within the app's bounds.

A blank output is not scored where empty_output runs: it owns it, so that one blank answer fails
one evaluator.
"""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, model_validator

from llmqa.contract import is_blank
from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.running import runs

BLANK = "the answer is blank (see empty_output)"


class LengthOptions(BaseModel):
    """Inclusive bounds on characters and words; None leaves a side open."""

    model_config = ConfigDict(extra="forbid")
    min_chars: int | None = Field(None, ge=0, description="fewest characters")
    max_chars: int | None = Field(None, ge=1, description="most characters")
    min_words: int | None = Field(None, ge=0, description="fewest words")
    max_words: int | None = Field(None, ge=1, description="most words")

    @model_validator(mode="after")
    def _ordered(self) -> LengthOptions:
        for unit in ("chars", "words"):
            low, high = getattr(self, f"min_{unit}"), getattr(self, f"max_{unit}")
            if low is not None and high is not None and low > high:
                raise ValueError(f"min_{unit} ({low}) is above max_{unit} ({high})")
        return self


def length(batch: pl.DataFrame, options: LengthOptions) -> pl.DataFrame:
    """Score 1 within bounds, else the ratio of the bound to the length (or length to bound)."""
    sizes = {
        "chars": pl.col("output").str.len_chars(),
        "words": pl.col("output").str.count_matches(r"\S+"),
    }
    scores, reasons = [], []
    for unit, size in sizes.items():
        low, high = getattr(options, f"min_{unit}"), getattr(options, f"max_{unit}")
        if low:
            scores.append(pl.when(size < low).then(size / low).otherwise(1.0))
            reasons.append(
                pl.when(size < low).then(pl.format("{} {} < min {}", size, pl.lit(unit), pl.lit(low)))
            )
        if high:
            scores.append(pl.when(size > high).then(high / size).otherwise(1.0))
            reasons.append(
                pl.when(size > high).then(pl.format("{} {} > max {}", size, pl.lit(unit), pl.lit(high)))
            )
    score = pl.min_horizontal(scores) if scores else pl.lit(1.0)
    reason = pl.concat_str(reasons, separator="; ", ignore_nulls=True) if reasons else pl.lit(None, pl.String)
    left_out = is_blank(pl.col("output")) if runs("empty_output") else pl.lit(False)
    return batch.select(
        result(
            pl.when(pl.col("output").is_not_null() & ~left_out).then(score),
            pl.when(pl.col("output").is_null())
            .then(None)
            .when(left_out)
            .then(pl.lit(BLANK))
            .when(reason.str.len_chars() > 0)
            .then(reason),
        )
    )


EVALUATOR = Evaluator(
    name="length",
    columns=("output",),
    threshold=1.0,
    compute=length,
    summary="Flags outputs shorter or longer than the app's limits.",
    options=LengthOptions,
)
