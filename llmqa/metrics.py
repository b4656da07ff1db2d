"""Daily metrics per app × prompt version × model: rates with Wilson intervals, percentiles, cost."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import polars as pl

from llmqa.intervals import wilson_interval

if TYPE_CHECKING:
    import sqlalchemy as sa

    from llmqa.warehouse import Warehouse

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
MEASURES_SCHEMA = pl.Schema(
    {
        "prompt_version": pl.String(),
        "model": pl.String(),
        "n": pl.Int64(),
        "latency_p50_ms": pl.Float64(),
        "latency_p95_ms": pl.Float64(),
        "tokens_per_trace": pl.Float64(),
        "cost_usd": pl.Float64(),
        "cost_per_trace": pl.Float64(),
        "errors": pl.Int64(),
        "thumbs_down": pl.Int64(),
        "feedback": pl.Int64(),
    }
)
PASS_COUNTS_SCHEMA = pl.Schema(
    {"evaluator": pl.String(), "prompt_version": pl.String(), "model": pl.String(), "n": pl.Int64(),
     "successes": pl.Int64()}
)  # fmt: skip
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


def trace_facts(day: dt.date, app_id: str, traces: pl.DataFrame) -> pl.DataFrame:
    """The measured values of valid traces that the daily metrics aggregate (llmqa_trace_facts rows)."""
    tokens = pl.col("prompt_tokens").fill_null(0) + pl.col("completion_tokens").fill_null(0)
    return traces.select(
        pl.lit(day).alias("day"),
        pl.lit(app_id).alias("app_id"),
        "trace_id",
        "prompt_version",
        "model",
        "status",
        "latency_ms",
        tokens.cast(pl.Int64).alias("tokens"),
        "cost_usd",
        "feedback_score",
    )


def daily_metrics(wh: Warehouse, conn: sa.Connection, day: dt.date, app_id: str) -> pl.DataFrame:
    """Long-form metric rows of one app-day, aggregated in the warehouse from its stored facts and scores.

    Only the aggregates come back; polars adds the Wilson intervals.
    """
    params = {"day": day, "app_id": app_id, "all": ALL}
    measures = wh.read(wh.render("daily_measures"), params, MEASURES_SCHEMA, conn)
    passes = wh.read(wh.render("daily_pass_counts"), params, PASS_COUNTS_SCHEMA, conn)
    keys = ("prompt_version", "model")
    values = (
        measures.with_columns(pl.col("n").cast(pl.Float64).alias("traces"))
        .unpivot(index=[*keys, "n"], on=list(VALUE_METRICS), variable_name="metric", value_name="value")
        .with_columns(ci_low=pl.lit(None, pl.Float64), ci_high=pl.lit(None, pl.Float64))
    )
    counts = pl.concat(
        [
            measures.select(*keys, pl.lit("error_rate").alias("metric"), pl.col("errors").alias("successes"), "n"),
            measures.select(
                *keys, pl.lit("thumbs_down_rate").alias("metric"), pl.col("thumbs_down").alias("successes"),
                pl.col("feedback").alias("n"),
            ),
            passes.select(*keys, (PASS_RATE_PREFIX + pl.col("evaluator")).alias("metric"), "successes", "n"),
        ]
    )  # fmt: skip
    frame = pl.concat([values, _rates(counts).select(values.columns)], how="vertical_relaxed")
    return _as_metric_rows(day, app_id, frame)
