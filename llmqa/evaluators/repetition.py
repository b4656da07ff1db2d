"""Repetition: the answer loops, repeating the same phrase or word over and over."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.text import tokens


class RepetitionOptions(BaseModel):
    """The phrase length compared, and how many phrases an answer needs to be judged."""

    model_config = ConfigDict(extra="forbid")
    ngram: int = Field(4, ge=1, le=10, description="words per phrase")
    min_ngrams: int = Field(12, ge=1, description="shorter answers score null")


def word_ngrams(words: pl.Expr, n: int) -> pl.Expr:
    """The runs of `n` consecutive tokens of a token-list column, space-joined."""
    shifted = [pl.element().shift(-k) for k in range(n)]
    return words.list.eval(pl.concat_str(shifted, separator=" ").drop_nulls())


def repetition(batch: pl.DataFrame, options: RepetitionOptions) -> pl.DataFrame:
    """Score the share of distinct word n-grams (1 = no phrase repeats); null for short answers."""
    grams = word_ngrams(tokens(pl.col("output")), options.ngram)
    total = grams.list.len()
    distinct = grams.list.n_unique() / total
    top = grams.list.eval(pl.element().mode().first()).list.first()
    return batch.select(
        result(
            pl.when(total >= options.min_ngrams).then(distinct),
            pl.when((total >= options.min_ngrams) & (distinct < 0.9)).then(pl.format('repeats "{}"', top)),
        )
    )


EVALUATOR = Evaluator(
    name="repetition",
    columns=("output",),
    threshold=0.6,
    compute=repetition,
    summary="Flags answers that loop on the same phrase.",
    options=RepetitionOptions,
)
