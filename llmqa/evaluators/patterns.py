"""Named-pattern detection shared by the safety evaluators: which kinds of pattern a text contains."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from llmqa.evaluators.base import result


def found_kinds(text: pl.Expr, patterns: Mapping[str, pl.Expr | str]) -> pl.Expr:
    """A list of the pattern names found in `text`; a value is a regex or a boolean expression."""
    hits = [
        pl.when(p if isinstance(p, pl.Expr) else text.str.contains(p)).then(pl.lit(name))
        for name, p in patterns.items()
    ]
    return pl.concat_list(hits).list.drop_nulls() if hits else pl.lit([], pl.List(pl.String))


def kinds_result(text: pl.Expr, kinds: pl.Expr, label: str) -> list[pl.Expr]:
    """Score 0 where any kind was found, 1 where none, null where `text` is null; reason names the kinds."""
    found = kinds.list.len() > 0
    return result(
        pl.when(text.is_null()).then(None).when(found).then(0.0).otherwise(1.0),
        pl.when(found).then(pl.format("{}: {}", pl.lit(label), kinds.list.join(", "))),
    )
