"""Named-pattern detection shared by the safety evaluators: which kinds of pattern a text contains."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from llmqa.evaluators.base import on_rows, result
from llmqa.regex import any_of, ascii_bounded

NO_KINDS = pl.lit([], pl.List(pl.String))


def kinds_where(checks: Mapping[str, pl.Expr]) -> pl.Expr:
    """A list of the names whose boolean expression holds."""
    hits = [pl.when(check).then(pl.lit(name)) for name, check in checks.items()]
    return pl.concat_list(hits).list.drop_nulls() if hits else NO_KINDS


def found_kinds(batch: pl.DataFrame, text: pl.Expr, patterns: Mapping[str, str]) -> pl.Series:
    """Per row, the names of the `patterns` (regexes) found in `text`; empty where none is.

    One pass of the combined regex finds the rows with any hit; the patterns are told
    apart on those rows only, so a clean batch costs a single scan. Word boundaries are ASCII
    ones (`regex.ascii_bounded`).
    """
    patterns = {name: ascii_bounded(pattern) for name, pattern in patterns.items()}
    checks = {name: text.str.contains(pattern) for name, pattern in patterns.items()}
    any_hit = text.str.contains(any_of(patterns)) if patterns else pl.lit(False)
    found = on_rows(batch, any_hit, lambda rows: rows.select(kinds_where(checks).alias("kinds")))
    return found.select(pl.col("kinds").fill_null(NO_KINDS)).to_series()


def kinds_result(text: pl.Expr, kinds: pl.Series, label: str) -> list[pl.Expr]:
    """Score 0 where any kind was found, 1 where none, null where `text` is null; reason names the kinds."""
    found = pl.lit(kinds).list.len() > 0
    return result(
        pl.when(text.is_null()).then(None).when(found).then(0.0).otherwise(1.0),
        pl.when(found).then(pl.format("{}: {}", pl.lit(label), pl.lit(kinds).list.join(", "))),
    )
