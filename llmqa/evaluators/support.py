"""How much of a claim text is backed by a source text: the content words and word pairs it shares."""

from __future__ import annotations

import polars as pl

from llmqa.evaluators.text import bigrams, content_words

SUPPORT_SCHEMA = ("units", "unsupported", "novel", "novel_numbers")


def support_frame(
    batch: pl.DataFrame, claim: pl.Expr, source: pl.Expr, *, number_weight: float = 2.0
) -> pl.DataFrame:
    """Per row: claim units, weighted unsupported units, and the unsupported words and numbers.

    A unit is a distinct content word or adjacent content-word pair of the claim; it is
    unsupported when the source never has it. Numbers absent from the source weigh
    `number_weight` extra, since a changed figure or date is the commonest confident error.
    Rows whose claim or source is null get null units.
    """
    words = batch.lazy().select(content_words(claim).alias("cw"), content_words(source).alias("sw"))
    novel = pl.col("cw").list.unique(maintain_order=True).list.set_difference(pl.col("sw"))
    novel_pairs = pl.col("cb").list.unique().list.set_difference(pl.col("sb"))
    return (
        words.with_columns(bigrams(pl.col("cw")).alias("cb"), bigrams(pl.col("sw")).alias("sb"))
        .with_columns(
            novel.alias("novel"),
            (pl.col("cw").list.n_unique() + pl.col("cb").list.n_unique()).cast(pl.Float64).alias("units"),
            novel_pairs.list.len().alias("novel_pairs"),
        )
        .with_columns(
            pl.col("novel").list.eval(pl.element().filter(pl.element().str.contains(r"^\d"))).alias("novel_numbers")
        )
        .with_columns(
            pl.when(pl.col("sw").is_not_null())
            .then(
                pl.col("novel").list.len()
                + pl.col("novel_pairs")
                + number_weight * pl.col("novel_numbers").list.len()
            )
            .cast(pl.Float64)
            .alias("unsupported")
        )
        .select(SUPPORT_SCHEMA)
        .collect()
    )
