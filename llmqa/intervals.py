"""Confidence intervals for rates, as polars expressions so they run over whole tables."""

from __future__ import annotations

from typing import Any

import polars as pl

Z_95 = 1.959963984540054


def wilson_bounds(successes: Any, trials: Any, z: float = Z_95) -> tuple[Any, Any]:
    """Wilson score bounds in plain arithmetic, so floats, arrays and polars expressions all work.

    Trials must be positive; `wilson_interval` adds that guard for tables.
    """
    p = successes / trials
    denominator = 1 + z**2 / trials
    centre = (p + z**2 / (2 * trials)) / denominator
    half = z * (p * (1 - p) / trials + z**2 / (4 * trials**2)) ** 0.5 / denominator
    return centre - half, centre + half


def wilson_interval(successes: pl.Expr, trials: pl.Expr, z: float = Z_95) -> tuple[pl.Expr, pl.Expr]:
    """Wilson score interval (low, high) for a binomial rate; null when there are no trials."""
    n = trials.cast(pl.Float64)
    low, high = wilson_bounds(successes.cast(pl.Float64), n, z)
    valid = n > 0
    return pl.when(valid).then(low.clip(0.0, 1.0)), pl.when(valid).then(high.clip(0.0, 1.0))


def newcombe_interval(
    successes_a: Any, trials_a: Any, successes_b: Any, trials_b: Any, z: float = Z_95
) -> tuple[Any, Any]:
    """Newcombe hybrid score interval (low, high) for the difference of rates b - a.

    Built from the two Wilson intervals (Newcombe 1998, method 10), in plain arithmetic like
    `wilson_bounds`; both sides need trials.
    """
    p_a, p_b = successes_a / trials_a, successes_b / trials_b
    low_a, high_a = wilson_bounds(successes_a, trials_a, z)
    low_b, high_b = wilson_bounds(successes_b, trials_b, z)
    difference = p_b - p_a
    return (
        difference - ((p_b - low_b) ** 2 + (high_a - p_a) ** 2) ** 0.5,
        difference + ((high_b - p_b) ** 2 + (p_a - low_a) ** 2) ** 0.5,
    )
