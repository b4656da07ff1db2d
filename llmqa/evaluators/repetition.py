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


WORD = r"[\p{L}\p{N}]+"


def phrases(text: pl.Expr, n: int) -> pl.Expr:
    """Consecutive, non-overlapping runs of `n` words; a loop of any period repeats some of them."""
    spaced = text.str.to_lowercase().str.replace_all(r"\W+", " ")
    return spaced.str.extract_all(WORD + rf"(?: {WORD}){{{n - 1}}}")


def repetition(batch: pl.DataFrame, options: RepetitionOptions) -> pl.DataFrame:
    """Score the share of distinct word phrases (1 = no phrase repeats); null for short answers.

    Phrases are cut only from answers with enough words to make `min_ngrams` of them.
    """
    grams = phrases(pl.col("output"), options.ngram)

    def scored(rows: pl.DataFrame) -> pl.DataFrame:
        listed = rows.select(grams.alias("g"))
        total = pl.col("g").list.len()
        share = listed.select(
            pl.when(total >= options.min_ngrams).then(pl.col("g").list.n_unique() / total).alias("share")
        )
        # ties between the most repeated phrases: the first in sort order, so that reruns agree
        top = pl.col("g").list.eval(pl.element().mode().sort().first()).list.first()
        looping = on_rows(
            listed,
            pl.lit(share.to_series() < 0.9),
            lambda loops: loops.select(pl.format('repeats "{}"', top).alias("reason")),
        )
        return share.hstack(looping)

    enough = pl.col("output").str.count_matches(WORD) >= options.ngram * options.min_ngrams
    found = on_rows(batch, enough, scored)
    too_short = f"too short to judge: fewer than {options.min_ngrams} phrases of {options.ngram} words"
    reason = pl.col("reason").fill_null(pl.when(pl.col("share").is_null()).then(pl.lit(too_short)))
    return found.select(result(pl.col("share"), reason))


EVALUATOR = Evaluator(
    name="repetition",
    columns=("output",),
    threshold=0.6,
    compute=repetition,
    summary="Flags answers that loop on the same phrase.",
    options=RepetitionOptions,
)
