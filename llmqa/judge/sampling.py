"""Which traces a judge looks at: a stable per-trace draw, capped per app × prompt version."""

from __future__ import annotations

import hashlib

import polars as pl

SEGMENT = ("app_id", "prompt_version")


def draw(trace_ids: pl.Series) -> pl.Series:
    """A uniform number in [0, 1) per trace id, the same on every run and polars version.

    polars' own hash is only stable within one polars version, so this hashes in Python.
    """
    return pl.Series(
        "draw",
        [
            int.from_bytes(hashlib.blake2b((t or "").encode(), digest_size=8).digest()) / 2**64
            for t in trace_ids.to_list()
        ],
        dtype=pl.Float64,
    )


def sample(
    batch: pl.DataFrame, eligible: pl.Series, *, rate: float, max_per_segment: int | None
) -> pl.DataFrame:
    """Per row: its `draw` and whether it is `sampled` among the eligible rows of its segment.

    A row is sampled when its draw is below `rate` and, within its app × prompt version,
    it is among the `max_per_segment` eligible rows with the smallest draws.
    """
    frame = batch.select(
        *(pl.col(c).fill_null("") for c in SEGMENT),
        draw(batch["trace_id"]),
        eligible.alias("eligible"),
    )
    chosen = pl.col("eligible") & (pl.col("draw") < rate)
    if max_per_segment is not None:
        rank = pl.when(chosen).then(pl.col("draw")).rank("ordinal").over(SEGMENT)
        chosen = chosen & (rank <= max_per_segment)
    return frame.select("draw", chosen.alias("sampled"))
