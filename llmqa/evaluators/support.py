"""How much of a claim text is backed by a source text: the content words and word pairs it shares."""

from __future__ import annotations

import polars as pl

from llmqa.evaluators.text import TOKEN, claim_text, names, word_pairs

SUPPORT_SCHEMA = ("units", "unsupported", "novel")


def support_frame(
    batch: pl.DataFrame,
    claim: pl.Expr,
    source: pl.Expr,
    *,
    number_weight: float = 2.0,
    name_weight: float = 2.0,
) -> pl.DataFrame:
    """Per row: claim units, weighted unsupported units, and the unsupported words.

    A unit is a distinct content word or adjacent content-word pair of the claim; it is
    unsupported when the source never has it. Numbers and names (capitalised words inside
    a sentence) absent from the source weigh `number_weight` and `name_weight` extra: a
    changed figure, date or entity is the commonest confident error, while a paraphrase
    mostly brings in common words.
    Rows whose claim or source is null get null units.
    """
    words = batch.lazy().select(
        claim_text(claim).alias("ct"), claim_text(source).alias("st"), names(claim).alias("names")
    )
    novel = pl.col("cw").list.unique(maintain_order=True).list.set_difference(pl.col("sw"))
    novel_pairs = pl.col("cb").list.unique().list.set_difference(pl.col("sb"))
    return (
        words.with_columns(
            pl.col("ct").str.extract_all(TOKEN).alias("cw"),
            pl.col("st").str.extract_all(TOKEN).alias("sw"),
            word_pairs(pl.col("ct")).alias("cb"),
            word_pairs(pl.col("st")).alias("sb"),
        )
        .with_columns(
            novel.alias("novel"),
            (pl.col("cw").list.n_unique() + pl.col("cb").list.n_unique()).cast(pl.Float64).alias("units"),
            novel_pairs.list.len().alias("novel_pairs"),
        )
        .with_columns(
            pl.col("novel").list.join(" ").str.count_matches(r"(?:^| )\d").alias("novel_numbers"),
            pl.col("novel").list.set_intersection(pl.col("names")).alias("novel_names"),
        )
        .with_columns(
            pl.when(pl.col("sw").is_not_null())
            .then(
                pl.col("novel").list.len()
                + pl.col("novel_pairs")
                + number_weight * pl.col("novel_numbers")
                + name_weight * pl.col("novel_names").list.len()
            )
            .cast(pl.Float64)
            .alias("unsupported")
        )
        .select(SUPPORT_SCHEMA)
        .collect()
    )
