"""Today's metrics against the reference window: the change and how sure we are of it.

Rates (pass rates, error and thumbs-down rates) pool the reference days' successes and trials;
the change is today minus reference in rate units, with Newcombe's hybrid score interval built
from the two Wilson intervals (Newcombe 1998, method 10). Other metrics (latency percentiles,
tokens, cost, traffic) are stored only as daily aggregates, so their interval is the 95%
prediction interval of one day's value from the reference days: mean ± t(k-1) · sd · √(1 + 1/k).
A value outside it is unusual for this app, whatever its per-trace spread.
"""

from __future__ import annotations

import polars as pl

from llmqa.intervals import wilson_interval
from llmqa.metrics import PASS_RATE_PREFIX, RATE_METRICS

COMPARED_SCHEMA = pl.Schema(
    {
        "metric": pl.String(),
        "rate": pl.Boolean(),
        "n": pl.Int64(),
        "value": pl.Float64(),
        "ci_low": pl.Float64(),
        "ci_high": pl.Float64(),
        "reference": pl.Float64(),
        "reference_days": pl.Int64(),
        "change": pl.Float64(),
        "change_low": pl.Float64(),
        "change_high": pl.Float64(),
        "usual_low": pl.Float64(),
        "usual_high": pl.Float64(),
    }
)


def is_rate(metric: pl.Expr) -> pl.Expr:
    """Whether a metric is a proportion (it has a Wilson interval and pools across days)."""
    return metric.is_in(list(RATE_METRICS)) | metric.str.starts_with(PASS_RATE_PREFIX)


def _reference(history: pl.DataFrame) -> pl.DataFrame:
    """Per metric: pooled rate with its Wilson interval, or mean and prediction interval of daily values."""
    from scipy import stats

    pooled = (
        history.filter(pl.col("value").is_not_null())
        .group_by("metric")
        .agg(
            (pl.col("value") * pl.col("n")).sum().round(0).alias("successes"),
            pl.col("n").sum().alias("trials"),
            pl.col("value").mean().alias("mean"),
            pl.col("value").std().alias("sd"),
            pl.len().alias("reference_days"),
        )
    )
    low, high = wilson_interval(pl.col("successes"), pl.col("trials"))
    t = pl.Series(stats.t.ppf(0.975, (pooled["reference_days"] - 1).clip(1, None).to_numpy()))
    spread = pl.lit(t) * pl.col("sd") * (1 + 1 / pl.col("reference_days")).sqrt()
    rate = is_rate(pl.col("metric"))
    return pooled.select(
        "metric",
        "reference_days",
        pl.when(rate).then(pl.col("successes") / pl.col("trials")).otherwise("mean").alias("reference"),
        pl.when(rate).then(low).alias("reference_low"),
        pl.when(rate).then(high).alias("reference_high"),
        pl.when(~rate).then(pl.col("mean") - spread).alias("usual_low"),
        pl.when(~rate).then(pl.col("mean") + spread).alias("usual_high"),
    )


def compare_to_reference(today: pl.DataFrame, reference: pl.DataFrame) -> pl.DataFrame:
    """One row per metric of `today` (metrics rows of one segment) with its change against `reference`."""
    joined = today.join(_reference(reference), on="metric", how="left")
    p1, l1, u1 = pl.col("value"), pl.col("ci_low"), pl.col("ci_high")
    p2, l2, u2 = pl.col("reference"), pl.col("reference_low"), pl.col("reference_high")
    change = p1 - p2
    rate = is_rate(pl.col("metric"))
    return joined.select(
        "metric",
        rate.alias("rate"),
        "n",
        "value",
        "ci_low",
        "ci_high",
        "reference",
        "reference_days",
        pl.when(rate).then(change).when(p2 != 0).then(p1 / p2 - 1).alias("change"),
        pl.when(rate).then(change - ((p1 - l1) ** 2 + (u2 - p2) ** 2).sqrt()).alias("change_low"),
        pl.when(rate).then(change + ((u1 - p1) ** 2 + (p2 - l2) ** 2).sqrt()).alias("change_high"),
        "usual_low",
        "usual_high",
    ).cast(COMPARED_SCHEMA)
