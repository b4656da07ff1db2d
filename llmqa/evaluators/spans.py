"""Unsupported spans: the stretches of an answer that carry its unsupported words, for reasons and highlights.

A span runs from an unsupported content word to the last one after it in the same clause,
taking the stopwords between them along ("fully supported offline on every"); a supported
content word or a clause break ends it. Spans are written in the answer's normalised words
(lowercase, n't as not), joined by single spaces, and separated by " | ".
"""

from __future__ import annotations

import re

import polars as pl

from llmqa.evaluators.base import on_every_row
from llmqa.evaluators.words import pair_hash

SEPARATOR = " | "
_NOT = "(?:not|n['’]t)"  # "doesn't" was read as "does not"


def span_regex(spans: str) -> re.Pattern[str] | None:
    """A case-blind regex finding the `SEPARATOR`-joined spans in the text they were read from.

    The words of a span may stand apart by any spaces and punctuation ("24 7" is "24/7"), a
    number may carry thousands separators, and "not" may be a folded n't; None without spans.
    """
    alternatives = sorted({_words_regex(span) for span in spans.split(SEPARATOR) if span.strip()}, key=len)
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(reversed(alternatives)) + r")(?!\w)", re.IGNORECASE)


def _words_regex(span: str) -> str:
    words = [
        _NOT if w == "not" else ",?".join(w) if w.isdigit() else re.escape(w).replace("'", "['’]")
        for w in span.split()
    ]
    return r"[\W_]*".join(words)


def unsupported_spans(tokens: pl.DataFrame, novel: pl.Series) -> pl.Series:
    """Per row of `novel` (a list column), the spans its words make in the row's text, or null where
    it has none. `tokens` are the texts' `words.classified_tokens`; only rows with words are read.
    """
    # a (row, word) pair is looked up by one 64-bit key
    unsupported = (
        pl.DataFrame({"w": novel})
        .with_row_index("row")
        .explode("w")
        .drop_nulls()
        .select("row", pair_hash(pl.col("row").cast(pl.UInt64), pl.col("w").hash()).alias("key"))
    )
    marked = tokens.filter(pl.col("row").is_in(unsupported["row"].unique().implode())).with_columns(
        pair_hash(pl.col("row").cast(pl.UInt64), pl.col("wh"))
        .is_in(unsupported["key"].implode())
        .fill_null(False)
        .alias("bad")
    )
    # a stretch ends at a clause break, a supported content word and a row's end; a span is the
    # part of a stretch from its first unsupported word to its last
    ends_stretch = pl.col("break").fill_null(True) | (pl.col("w").is_not_null() & ~pl.col("bad"))
    first_of_row = (pl.col("row") != pl.col("row").shift()).fill_null(True)
    bad_stretch = pl.when("bad").then("stretch")
    in_span = marked.with_columns((ends_stretch | first_of_row).cum_sum().alias("stretch")).filter(
        (bad_stretch.forward_fill() == pl.col("stretch")) & (bad_stretch.backward_fill() == pl.col("stretch"))
    )
    starts_span = (pl.col("stretch") != pl.col("stretch").shift()).fill_null(True)
    piece = pl.when(starts_span & ~first_of_row).then(SEPARATOR.lstrip() + pl.col("t")).otherwise("t")
    spans = (
        in_span.select("row", piece.alias("t"))
        .group_by("row", maintain_order=True)
        .agg(pl.col("t").str.join(" "))
    )
    return on_every_row(spans, len(novel))["t"]
