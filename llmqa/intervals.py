"""Confidence intervals for rates, as polars expressions so they run over whole tables."""

from __future__ import annotations

import polars as pl

Z_95 = 1.959963984540054


def wilson_interval(successes: pl.Expr, trials: pl.Expr, z: float = Z_95) -> tuple[pl.Expr, pl.Expr]:
    """Wilson score interval (low, high) for a binomial rate; null when there are no trials."""
    n = trials.cast(pl.Float64)
    p = successes.cast(pl.Float64) / n
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * ((p * (1 - p) / n + z**2 / (4 * n**2)).sqrt()) / denominator
    valid = n > 0
    return (
        pl.when(valid).then((centre - half).clip(0.0, 1.0)),
        pl.when(valid).then((centre + half).clip(0.0, 1.0)),
    )
