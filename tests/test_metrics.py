"""Daily metrics: rates with Wilson intervals, percentiles, and roll-ups over versions and models,
aggregated in the warehouse (DuckDB and PostgreSQL) from the stored trace facts and scores."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from llmqa.config import Config
from llmqa.intervals import wilson_interval
from llmqa.metrics import (
    ALL,
    VALUE_METRICS,
    _as_metric_rows,
    _rate_part,
    _rates,
    daily_metrics,
    rollup,
    trace_facts,
)
from llmqa.pipeline import evaluate_app_day
from llmqa.source import trace_chunks
from llmqa.validate import validate_batch
from llmqa.warehouse import Warehouse
from tests.conftest import DAY


def test_wilson_interval_matches_the_textbook_example() -> None:
    # 81 successes in 263 trials: Wilson 95% interval (0.2553, 0.3662), worked by hand.
    low, high = wilson_interval(pl.lit(81), pl.lit(263))
    assert pl.select(low).item() == pytest.approx(0.2553, abs=1e-4)
    assert pl.select(high).item() == pytest.approx(0.3662, abs=1e-4)


def test_wilson_interval_stays_inside_zero_one_at_the_edges() -> None:
    low, high = wilson_interval(pl.lit(0), pl.lit(10))
    assert pl.select(low).item() == 0.0 and 0.0 < pl.select(high).item() < 0.35


def test_wilson_interval_is_null_without_trials() -> None:
    low, _ = wilson_interval(pl.lit(0), pl.lit(0))
    assert pl.select(low).item() is None


def _traces() -> pl.DataFrame:
    return pl.DataFrame({
        "trace_id": ["a", "b", "c", "d"], "prompt_version": ["v1", "v1", "v2", "v2"],
        "model": ["m1", "m2", "m1", "m1"], "status": ["ok", "error", "ok", "ok"],
        "latency_ms": [100.0, 200.0, 300.0, 400.0], "cost_usd": [0.01, 0.02, 0.03, 0.04],
        "prompt_tokens": [10, 10, 10, 10], "completion_tokens": [5, 5, None, 5],
        "feedback_score": [1.0, 0.0, None, -1.0],
    })  # fmt: skip


def _scores() -> pl.DataFrame:
    return pl.DataFrame({
        "day": [DAY] * 4, "app_id": ["app"] * 4, "trace_id": ["a", "b", "c", "d"],
        "prompt_version": ["v1", "v1", "v2", "v2"], "model": ["m1", "m2", "m1", "m1"],
        "evaluator": ["refusal"] * 4, "passed": [True, False, True, None],
    })  # fmt: skip


def _stored_metrics(url: str) -> pl.DataFrame:
    """The four traces and their verdicts stored for (DAY, "app"), aggregated by the warehouse."""
    wh = Warehouse(url)
    wh.create_schema()
    with wh.begin() as conn:
        wh.write(conn, "llmqa_trace_facts", trace_facts(DAY, "app", _traces()))
        wh.write(conn, "llmqa_scores", _scores())
        return daily_metrics(wh, conn, DAY, "app")


def _value(metrics: pl.DataFrame, metric: str, version: str = ALL, model: str = ALL) -> float:
    row = metrics.filter(
        (pl.col("metric") == metric) & (pl.col("prompt_version") == version) & (pl.col("model") == model)
    )
    return float(row["value"][0])


def test_app_level_rates_and_values(warehouse_url: str) -> None:
    metrics = _stored_metrics(warehouse_url)
    assert _value(metrics, "traces") == 4
    assert _value(metrics, "error_rate") == pytest.approx(0.25)
    assert _value(metrics, "thumbs_down_rate") == pytest.approx(2 / 3)
    assert _value(metrics, "pass_rate.refusal") == pytest.approx(2 / 3)
    assert _value(metrics, "latency_p50_ms") == pytest.approx(250.0)
    assert _value(metrics, "latency_p95_ms") == pytest.approx(385.0)  # 100 + 0.95 * 3 * 100, linear
    assert _value(metrics, "cost_usd") == pytest.approx(0.10)
    assert _value(metrics, "tokens_per_trace") == pytest.approx(13.75)


def test_rollups_exist_per_version_and_per_model(warehouse_url: str) -> None:
    metrics = _stored_metrics(warehouse_url)
    assert _value(metrics, "traces", "v1") == 2
    assert _value(metrics, "traces", "v2", "m1") == 2
    assert _value(metrics, "pass_rate.refusal", "v2") == 1.0  # the null verdict is not counted
    assert set(metrics["day"].to_list()) == {DAY} and set(metrics["app_id"].to_list()) == {"app"}


def test_rates_carry_intervals_and_counts(warehouse_url: str) -> None:
    metrics = _stored_metrics(warehouse_url)
    row = metrics.filter((pl.col("metric") == "error_rate") & (pl.col("prompt_version") == ALL)).row(
        0, named=True
    )
    assert row["n"] == 4 and row["ci_low"] < 0.25 < row["ci_high"]
    assert not math.isnan(row["ci_low"])


def _metrics_in_polars(day: dt.date, app_id: str, traces: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """The specification the warehouse's SQL must meet: the daily metrics aggregated in polars."""
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
    passed = scores.filter(pl.col("passed").is_not_null())
    for evaluator, group in passed.group_by("evaluator"):
        rate_parts.append(_rate_part(group, f"pass_rate.{evaluator[0]}", pl.col("passed")))
    frame = pl.concat([values, _rates(pl.concat(rate_parts)).select(values.columns)], how="vertical_relaxed")
    return _as_metric_rows(day, app_id, frame)


def test_the_warehouse_aggregates_a_seeded_day_as_polars_does(config: Config, seeded: Warehouse) -> None:
    app_id = "support-bot"
    evaluate_app_day(config, seeded, DAY, app_id)
    pulled = pl.concat(trace_chunks(seeded, DAY, app_id), how="diagonal")  # as the stage reads them
    valid = validate_batch(pulled, DAY, app_id, config.traces.statuses).valid
    params = {"day": DAY, "app_id": app_id}
    scores = seeded.read("SELECT * FROM llmqa_scores WHERE day = :day AND app_id = :app_id", params)
    stored = seeded.read(
        "SELECT * FROM llmqa_daily_metrics WHERE day = :day AND app_id = :app_id AND metric NOT LIKE 'task.%'",
        params,
    )
    expected = _metrics_in_polars(DAY, app_id, valid, scores)
    assert expected["metric"].str.starts_with("pass_rate.").any()
    order = ["prompt_version", "model", "metric"]
    assert_frame_equal(stored.cast(expected.schema).sort(order), expected.sort(order), rtol=1e-9)
