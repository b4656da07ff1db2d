"""Daily metrics per app × prompt version × model: rates with Wilson intervals, percentiles, cost."""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.intervals import wilson_interval

ALL = "*"
PASS_RATE_PREFIX = "pass_rate."
TASK_PREFIX = "task."
RATE_METRICS = ("error_rate", "thumbs_down_rate")
VALUE_METRICS = (
    "traces",
    "latency_p50_ms",
    "latency_p95_ms",
    "tokens_per_trace",
    "cost_usd",
    "cost_per_trace",
)
METRICS_SCHEMA = pl.Schema(
    {
        "day": pl.Date(),
        "app_id": pl.String(),
        "prompt_version": pl.String(),
        "model": pl.String(),
        "metric": pl.String(),
        "n": pl.Int64(),
        "value": pl.Float64(),
        "ci_low": pl.Float64(),
        "ci_high": pl.Float64(),
    }
)
LEVELS: tuple[tuple[str, ...], ...] = (("prompt_version", "model"), ("prompt_version",), ())


def is_known_metric(name: str) -> bool:
    """Whether alert rules and reports can refer to `name`."""
    return name in RATE_METRICS or name in VALUE_METRICS or name.startswith((PASS_RATE_PREFIX, TASK_PREFIX))


def rollup(frame: pl.DataFrame, keys: tuple[str, ...], aggs: list[pl.Expr]) -> pl.DataFrame:
    """Aggregate at every level of LEVELS, writing ALL for the keys a level leaves out."""
    parts = []
    for level in LEVELS:
        grouped = frame.group_by(list(level)).agg(aggs) if level else frame.select(aggs)
        missing = [pl.lit(ALL).alias(k) for k in keys if k not in level]
        parts.append(grouped.with_columns(missing).select([*keys, *grouped.columns[len(level) :]]))
    return pl.concat(parts, how="vertical_relaxed")


def _rates(long: pl.DataFrame) -> pl.DataFrame:
    """Turn (metric, successes, trials) rows into rate rows with Wilson intervals."""
    low, high = wilson_interval(pl.col("successes"), pl.col("n"))
    return long.with_columns(
        (pl.col("successes") / pl.col("n")).alias("value"), low.alias("ci_low"), high.alias("ci_high")
    ).drop("successes")


def _rate_part(
    frame: pl.DataFrame, metric: str, successes: pl.Expr, trials: pl.Expr | None = None
) -> pl.DataFrame:
    """(metric, successes, n) rows at every rollup level, for `_rates`; trials default to every row."""
    n = pl.len() if trials is None else trials.sum()
    aggs = [pl.lit(metric).alias("metric"), successes.sum().alias("successes"), n.alias("n")]
    return rollup(frame, ("prompt_version", "model"), aggs).cast({"successes": pl.Int64, "n": pl.Int64})


def _as_metric_rows(day: dt.date, app_id: str, frame: pl.DataFrame) -> pl.DataFrame:
    return (
        frame.select(
            pl.lit(day).alias("day"),
            pl.lit(app_id).alias("app_id"),
            *[c for c in METRICS_SCHEMA if c not in ("day", "app_id")],
        )
        .cast(METRICS_SCHEMA)
        .sort("prompt_version", "model", "metric")
    )


def rate_metrics(
    day: dt.date, app_id: str, traces: pl.DataFrame, rates: dict[str, tuple[pl.Expr, pl.Expr]]
) -> pl.DataFrame:
    """Metric rows for named (successes, trials) boolean expressions, with Wilson intervals."""
    if not rates:
        return pl.DataFrame(schema=METRICS_SCHEMA)
    parts = [_rate_part(traces, name, *exprs) for name, exprs in rates.items()]
    return _as_metric_rows(day, app_id, _rates(pl.concat(parts)))


def daily_metrics(day: dt.date, app_id: str, traces: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """Aggregate one app-day of traces and evaluator scores into long-form metric rows."""
    keys = ("prompt_version", "model")
    tokens = pl.col("prompt_tokens").fill_null(0) + pl.col("completion_tokens").fill_null(0)
    values = rollup(
        traces,
        keys,
        [
            pl.len().cast(pl.Float64).alias("traces"),
            pl.col("latency_ms").quantile(0.5, "linear").alias("latency_p50_ms"),
            pl.col("latency_ms").quantile(0.95, "linear").alias("latency_p95_ms"),
            tokens.mean().cast(pl.Float64).alias("tokens_per_trace"),
            pl.col("cost_usd").sum().alias("cost_usd"),
            pl.col("cost_usd").mean().alias("cost_per_trace"),
            pl.len().alias("n"),
        ],
    ).unpivot(index=[*keys, "n"], on=list(VALUE_METRICS), variable_name="metric", value_name="value")
    values = values.with_columns(ci_low=pl.lit(None, pl.Float64), ci_high=pl.lit(None, pl.Float64))

    feedback = pl.col("feedback_score")
    rate_parts = [
        _rate_part(traces, "error_rate", pl.col("status") != "ok"),
        _rate_part(traces, "thumbs_down_rate", feedback <= 0, feedback.is_not_null()),
    ]
    if scores.height:
        passed = scores.filter(pl.col("passed").is_not_null()).join(
            traces.select("trace_id", *keys), on="trace_id"
        )
        for evaluator, group in passed.group_by("evaluator"):
            rate_parts.append(_rate_part(group, f"{PASS_RATE_PREFIX}{evaluator[0]}", pl.col("passed")))
    rates = _rates(pl.concat(rate_parts))
    frame = pl.concat([values, rates.select(values.columns)], how="vertical_relaxed")
    return _as_metric_rows(day, app_id, frame)
