"""Repetition: the answer loops, repeating the same phrase or word over and over."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, on_rows, result


class RepetitionOptions(BaseModel):
    """The phrase length compared, and how many phrases an answer needs to be judged."""

    model_config = ConfigDict(extra="forbid")
    ngram: int = Field(4, ge=1, le=10, description="words per phrase")
    min_ngrams: int = Field(6, ge=1, description="answers with fewer phrases score null")


def phrases(text: pl.Expr, n: int) -> pl.Expr:
    """Consecutive, non-overlapping runs of `n` words; a loop of any period repeats some of them."""
    word = r"[\p{L}\p{N}]+"
    return (
        text.str.to_lowercase()
        .str.extract_all(word + rf"(?:\W+{word}){{{n - 1}}}")
        .list.eval(pl.element().str.replace_all(r"\W+", " "))
    )


def repetition(batch: pl.DataFrame, options: RepetitionOptions) -> pl.DataFrame:
    """Score the share of distinct word phrases (1 = no phrase repeats); null for short answers."""
    grams = phrases(pl.col("output"), options.ngram)
    total = grams.list.len()
    distinct = grams.list.n_unique() / total
    scored = batch.select(pl.when(total >= options.min_ngrams).then(distinct).alias("score"))
    top = grams.list.eval(pl.element().mode().first()).list.first()
    looping = on_rows(
        batch,
        pl.lit(scored["score"] < 0.9),
        lambda rows: rows.select(pl.format('repeats "{}"', top).alias("reason")),
    )
    return pl.select(result(pl.lit(scored["score"]), pl.lit(looping["reason"])))


EVALUATOR = Evaluator(
    name="repetition",
    columns=("output",),
    threshold=0.6,
    compute=repetition,
    summary="Flags answers that loop on the same phrase.",
    options=RepetitionOptions,
)
