"""Word overlap between two text columns, the shared core of the relevance evaluators."""

from __future__ import annotations

import polars as pl

from llmqa.evaluators.base import result
from llmqa.evaluators.text import content_words, is_blank


def covered_share(batch: pl.DataFrame, covered: str, covering: str, cap: int | None) -> pl.DataFrame:
    """Per row, the share of `covered`'s distinct content words that `covering` has, and the missing ones.

    With `cap`, the denominator is at most `cap` words: matching a few key words is enough.
    Null where either column is blank or `covered` has no content words.
    """
    words = content_words(pl.col(covered)).list.unique()
    missing = words.list.set_difference(content_words(pl.col(covering)))
    size = words.list.len() if cap is None else pl.min_horizontal(words.list.len(), pl.lit(cap))
    share = ((words.list.len() - missing.list.len()) / size).clip(0.0, 1.0)
    applicable = ~is_blank(pl.col(covered)) & ~is_blank(pl.col(covering)) & (words.list.len() > 0)
    return batch.select(
        pl.when(applicable).then(share).alias("share"),
        pl.when(applicable).then(missing).alias("missing"),
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
