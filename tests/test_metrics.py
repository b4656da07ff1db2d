"""Daily metrics: rates with Wilson intervals, percentiles, and roll-ups over versions and models."""

from __future__ import annotations

import math

import polars as pl
import pytest

from llmqa.intervals import wilson_interval
from llmqa.metrics import ALL, daily_metrics
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
    return pl.DataFrame({"trace_id": ["a", "b", "c", "d"], "evaluator": ["refusal"] * 4,
                         "passed": [True, False, True, None]})  # fmt: skip


def _value(metrics: pl.DataFrame, metric: str, version: str = ALL, model: str = ALL) -> float:
    row = metrics.filter(
        (pl.col("metric") == metric) & (pl.col("prompt_version") == version) & (pl.col("model") == model)
    )
    return float(row["value"][0])


def test_app_level_rates_and_values() -> None:
    metrics = daily_metrics(DAY, "app", _traces(), _scores())
    assert _value(metrics, "traces") == 4
    assert _value(metrics, "error_rate") == pytest.approx(0.25)
    assert _value(metrics, "thumbs_down_rate") == pytest.approx(2 / 3)
    assert _value(metrics, "pass_rate.refusal") == pytest.approx(2 / 3)
    assert _value(metrics, "latency_p50_ms") == pytest.approx(250.0)
    assert _value(metrics, "cost_usd") == pytest.approx(0.10)
    assert _value(metrics, "tokens_per_trace") == pytest.approx(13.75)


def test_rollups_exist_per_version_and_per_model() -> None:
    metrics = daily_metrics(DAY, "app", _traces(), _scores())
    assert _value(metrics, "traces", "v1") == 2
    assert _value(metrics, "traces", "v2", "m1") == 2
    assert _value(metrics, "pass_rate.refusal", "v2") == 1.0  # the null verdict is not counted
    assert set(metrics["day"].to_list()) == {DAY} and set(metrics["app_id"].to_list()) == {"app"}


def test_rates_carry_intervals_and_counts() -> None:
    metrics = daily_metrics(DAY, "app", _traces(), _scores())
    row = metrics.filter((pl.col("metric") == "error_rate") & (pl.col("prompt_version") == ALL)).row(
        0, named=True
    )
    assert row["n"] == 4 and row["ci_low"] < 0.25 < row["ci_high"]
    assert not math.isnan(row["ci_low"])
