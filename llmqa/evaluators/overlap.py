"""Word overlap between two text columns, the shared core of the relevance evaluators."""

from __future__ import annotations

import polars as pl

from llmqa.contract import is_blank
from llmqa.evaluators.base import result
from llmqa.evaluators.words import units


def covered_share(batch: pl.DataFrame, covered: str, covering: str, cap: int | None) -> pl.DataFrame:
    """Per row, the share of `covered`'s distinct content words that `covering` has, and the missing ones.

    With `cap`, the denominator is at most `cap` words: matching a few key words is enough.
    Null where either column is blank or `covered` has no content words.
    """
    frame = pl.LazyFrame(
        {
            "words": units(batch, covered)["words"],
            "covering": units(batch, covering)["words"],
            "present": batch.select(~is_blank(pl.col(covered)) & ~is_blank(pl.col(covering))).to_series(),
        }
    )
    size = pl.col("n") if cap is None else pl.min_horizontal(pl.col("n"), pl.lit(cap))
    applicable = pl.col("present") & (pl.col("n") > 0)
    return (
        frame.select(
            pl.col("words").list.set_difference(pl.col("covering")).alias("missing"),
            pl.col("words").list.n_unique().alias("n"),
            "present",
        )
        .select(
            pl.when(applicable)
            .then(((pl.col("n") - pl.col("missing").list.len()) / size).clip(0.0, 1.0))
            .alias("share"),
            pl.when(applicable).then(pl.col("missing")).alias("missing"),
        )
        .collect()
    )


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
