"""Samples of a stream of frames: the rows with the lowest hash per group, kept as the frames go past."""

from __future__ import annotations

import polars as pl


def keep_lowest(
    kept: pl.DataFrame | None, part: pl.DataFrame, by: str, over: str | None, limit: int | pl.Expr | None
) -> pl.DataFrame:
    """The rows of `kept` and `part` whose `by` ranks among the `limit` lowest of their `over` group
    (of all of them without `over`; every row without `limit`).

    Fed a stream part by part, it ends with the lowest rows of the whole stream, whatever the
    order or the parts, holding no more than that sample and one part at a time.
    """
    both = part if kept is None else pl.concat([kept, part], rechunk=False)
    if limit is None:
        return both
    rank = pl.col(by).rank("ordinal")
    return both.filter((rank if over is None else rank.over(over)) <= limit)
