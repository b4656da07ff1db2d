"""How much of a claim text is backed by source texts: the content words and word pairs it shares."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from llmqa.evaluators.words import figures, names, units

SUPPORT_SCHEMA = ("units", "unsupported", "novel")


def unit_columns(batch: pl.DataFrame, claim: str, sources: Sequence[str]) -> pl.DataFrame:
    """The frame `support_frame` reads: words and pairs of `claim` and `sources`, and the claim's
    names and figures."""
    parts = [
        units(batch, column).rename({"words": f"{column}_words", "pairs": f"{column}_pairs"})
        for column in dict.fromkeys([claim, *sources])
    ]
    return pl.concat(parts, how="horizontal").with_columns(
        names(batch, claim).alias("names"), figures(batch, claim).alias("figures")
    )


def support_frame(
    frame: pl.DataFrame,
    claim: str,
    sources: Sequence[str],
    *,
    number_weight: float = 2.0,
    name_weight: float = 2.0,
    weak_sources: Sequence[str] = (),
    weak_weight: float = 0.5,
) -> pl.DataFrame:
    """Per row of a `unit_columns` frame: claim units, weighted unsupported units, the unsupported words.

    A unit is a distinct content word or adjacent content-word pair of the `claim` column;
    it is unsupported when none of the `sources` columns has it. A unit that only a
    `weak_sources` column has (the question: a restated question is no evidence of the
    answer) counts `weak_weight` of an unsupported one. Numbers written in digits and names
    (capitalised words inside a sentence) absent from every source weigh `number_weight` and
    `name_weight` extra: a changed figure, date or entity is the commonest confident error,
    while a paraphrase mostly brings in common words. Callers decide where it applies.
    """
    source_words = pl.concat_list([f"{s}_words" for s in sources])
    source_pairs = pl.concat_list([f"{s}_pairs" for s in sources])
    weak_words = pl.concat_list([f"{s}_words" for s in weak_sources]) if weak_sources else None
    weak_pairs = pl.concat_list([f"{s}_pairs" for s in weak_sources]) if weak_sources else None
    unbacked_words = pl.col(f"{claim}_words").list.set_difference(source_words)
    unbacked_pairs = pl.col(f"{claim}_pairs").list.set_difference(source_pairs)
    novel = unbacked_words if weak_words is None else unbacked_words.list.set_difference(weak_words)
    weakly_backed = (
        pl.lit(0, pl.UInt32)
        if weak_words is None or weak_pairs is None
        else unbacked_words.list.set_intersection(weak_words).list.len()
        + unbacked_pairs.list.set_intersection(weak_pairs).list.len()
    )
    novel_pairs = unbacked_pairs if weak_pairs is None else unbacked_pairs.list.set_difference(weak_pairs)
    return (
        frame.lazy()
        .select(
            novel.alias("novel"),
            (pl.col(f"{claim}_words").list.n_unique() + pl.col(f"{claim}_pairs").list.n_unique())
            .cast(pl.Float64)
            .alias("units"),
            novel_pairs.list.len().alias("novel_pairs"),
            weakly_backed.alias("weakly_backed"),
            "names",
            "figures",
        )
        .with_columns(
            pl.col("novel").list.set_intersection(pl.col("figures")).list.len().alias("novel_numbers"),
            pl.col("novel").list.set_intersection(pl.col("names")).list.len().alias("novel_names"),
        )
        .with_columns(
            (
                pl.col("novel").list.len()
                + pl.col("novel_pairs")
                + weak_weight * pl.col("weakly_backed")
                + number_weight * pl.col("novel_numbers")
                + name_weight * pl.col("novel_names")
            )
            .cast(pl.Float64)
            .alias("unsupported")
        )
        .select(SUPPORT_SCHEMA)
        .collect()
    )
