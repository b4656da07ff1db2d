"""Language match: the answer is in the language of the question (or the app's configured one)."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.contract import is_blank
from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.language import LANGUAGES, detect_language


class LanguageMatchOptions(BaseModel):
    """Fix the expected language instead of reading it from the question."""

    model_config = ConfigDict(extra="forbid")
    expected: str | None = Field(
        None, pattern="^(" + "|".join(LANGUAGES) + ")$", description="ISO 639-1 code (null: the question's)"
    )
    min_hits: int = Field(2, ge=1, description="stopwords needed to call a Latin-script language")


def language_match(batch: pl.DataFrame, options: LanguageMatchOptions) -> pl.DataFrame:
    """Score 1 when the languages agree, 0 when they differ, null when either cannot be told."""
    answer = pl.lit(detect_language(batch["output"], min_hits=options.min_hits))
    expected = (
        pl.lit(options.expected)
        if options.expected
        else pl.lit(detect_language(batch["input"], min_hits=options.min_hits))
    )
    return batch.select(
        result(
            pl.when(answer.is_null() | expected.is_null())
            .then(None)
            .when(answer == expected)
            .then(1.0)
            .otherwise(0.0),
            pl.when(answer != expected)
            .then(pl.format("answer in {}, expected {}", answer, expected))
            .when(answer.is_null() & ~is_blank(pl.col("output")))
            .then(pl.lit("the answer's language is not recognised"))
            .when(expected.is_null() & ~is_blank(pl.col("input")))
            .then(pl.lit("the question's language is not recognised")),
        )
    )


EVALUATOR = Evaluator(
    name="language_match",
    columns=("input", "output"),
    threshold=0.5,
    compute=language_match,
    summary="Flags answers written in a different language from the question.",
    options=LanguageMatchOptions,
)
