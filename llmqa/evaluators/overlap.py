"""Word overlap between two text columns, the shared core of the relevance evaluators."""

from __future__ import annotations

import polars as pl

from llmqa.contract import is_blank
from llmqa.evaluators.base import result
from llmqa.evaluators.words import units, words_and_parts


def covered_share(batch: pl.DataFrame, covered: str, covering: str, cap: int | None) -> pl.DataFrame:
    """Per row, the share of `covered`'s distinct content words that `covering` has, and the missing ones.

    `covering`'s dotted words count by their parts too (`words_and_parts`).
    With `cap`, the denominator is at most `cap` words: matching a few key words is enough.
    Null where either column is blank or `covered` has no content words.
    """
    frame = pl.LazyFrame(
        {
            "words": units(batch, covered)["words"],
            "covering": words_and_parts(batch, covering),
            "present": batch.select(~is_blank(pl.col(covered)) & ~is_blank(pl.col(covering))).to_series(),
        }
    )
    return (
        frame.select(
            pl.col("words").list.set_difference(pl.col("covering")).alias("missing"),
            pl.col("words").list.n_unique().alias("n"),
            "present",
        )
        .select(
            pl.when("present").then(_share(pl.col("n"), pl.col("missing"), cap)).alias("share"),
            pl.when(pl.col("present") & (pl.col("n") > 0)).then(pl.col("missing")).alias("missing"),
        )
        .collect()
    )


def word_share(covered: pl.Expr, covering: pl.Expr, cap: int | None) -> pl.Expr:
    """`covered_share`'s share of two list-of-words expressions (null where `covered` is empty)."""
    return _share(covered.list.n_unique(), covered.list.set_difference(covering), cap)


def _share(n: pl.Expr, missing: pl.Expr, cap: int | None) -> pl.Expr:
    size = n if cap is None else pl.min_horizontal(n, pl.lit(cap))
    return pl.when(n > 0).then(((n - missing.list.len()) / size).clip(0.0, 1.0))


def overlap_result(shares: pl.DataFrame, max_terms: int, label: str) -> pl.DataFrame:
    """Score = share; the reason lists up to `max_terms` missing words when the share is low."""
    low = pl.col("share") < 1.0
    return shares.select(
        result(
            pl.col("share"),
            pl.when(low).then(
                pl.format(
                    "{}: {}",
                    pl.lit(label),
                    pl.col("missing").list.head(max_terms).list.join(", "),
                )
            ),
        )
    )
