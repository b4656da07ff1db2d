"""Today against the reference window: changes, intervals and tile colours worked out by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from llmqa.config import AppConfig
from llmqa.intervals import wilson_interval
from llmqa.metrics import METRICS_SCHEMA
from llmqa.report.compare import compare_to_reference
from llmqa.report.tiles import tiles
from llmqa.report.verdict import judge, metric_states

DAY = dt.date(2026, 11, 22)


def _metrics(rows: list[tuple[int, str, int, float]]) -> pl.DataFrame:
    """Metric rows (days before DAY, metric, n, value) with Wilson intervals for the rates."""
    frame = pl.DataFrame(
        [
            {"day": DAY - dt.timedelta(days=back), "app_id": "a", "prompt_version": "v1", "model": "*",
             "metric": metric, "n": n, "value": value}
            for back, metric, n, value in rows
        ]
    )  # fmt: skip
    low, high = wilson_interval((pl.col("value") * pl.col("n")).round(0), pl.col("n"))
    rate = pl.col("metric").str.starts_with("pass_rate.")
    return frame.with_columns(ci_low=pl.when(rate).then(low), ci_high=pl.when(rate).then(high)).cast(
        METRICS_SCHEMA
    )


def test_a_rate_change_has_newcombes_interval() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873, table II, example (a): 56/70 vs 48/80, method 10
    today = _metrics([(0, "pass_rate.x", 70, 56 / 70)])
    reference = _metrics([(1, "pass_rate.x", 80, 48 / 80)])
    row = compare_to_reference(today, reference).row(0, named=True)
    assert row["change"] == pytest.approx(56 / 70 - 48 / 80)
    assert (row["change_low"], row["change_high"]) == pytest.approx((0.0524, 0.3339), abs=1e-4)


def test_reference_rates_pool_the_days_traces() -> None:
    today = _metrics([(0, "pass_rate.x", 100, 0.6)])
    reference = _metrics([(1, "pass_rate.x", 100, 0.9), (2, "pass_rate.x", 300, 0.5)])
    assert compare_to_reference(today, reference)["reference"][0] == pytest.approx(240 / 400)


def test_other_metrics_get_the_prediction_interval_of_a_reference_day() -> None:
    today = _metrics([(0, "latency_p95_ms", 500, 15.0)])
    reference = _metrics([(1, "latency_p95_ms", 500, 10.0), (2, "latency_p95_ms", 500, 12.0),
                          (3, "latency_p95_ms", 500, 14.0)])  # fmt: skip
    row = compare_to_reference(today, reference).row(0, named=True)
    spread = 4.302653 * 2.0 * (4 / 3) ** 0.5  # t(0.975, 2 df) · sd · √(1 + 1/k)
    assert (row["usual_low"], row["usual_high"]) == pytest.approx((12 - spread, 12 + spread), abs=1e-4)
    assert row["change"] == pytest.approx(0.25)
    assert row["change_low"] is None


def test_a_metric_without_reference_days_has_no_change() -> None:
    row = compare_to_reference(_metrics([(0, "traces", 10, 10.0)]), _metrics([(1, "cost_usd", 10, 1.0)])).row(
        0, named=True
    )
    assert row["change"] is None and row["reference"] is None


def test_tiles_are_coloured_by_the_apps_alert_rules() -> None:
    app = AppConfig.model_validate({"evaluators": ["refusal", "groundedness"], "alerts": [
        {"metric": "pass_rate.groundedness", "op": "<", "value": 0.9, "severity": "critical"},
        {"metric": "pass_rate.refusal", "op": "<", "value": 0.5}]})  # fmt: skip
    alerts = pl.DataFrame({"prompt_version": ["v1"], "kind": ["alert"], "metric": ["pass_rate.groundedness"],
                           "severity": ["critical"], "status": ["pending"]})  # fmt: skip
    today = _metrics([(0, "pass_rate.groundedness", 100, 0.7), (0, "pass_rate.refusal", 100, 0.99),
                      (0, "traces", 100, 100.0)])  # fmt: skip
    compared = compare_to_reference(today, _metrics([(1, "traces", 90, 90.0)]))
    shown = tiles(
        compared, metric_states(app, alerts, "v1"), ["pass_rate.groundedness", "pass_rate.refusal", "traces"]
    )
    assert [(t.metric, t.state) for t in shown] == [
        ("pass_rate.groundedness", "critical"),
        ("pass_rate.refusal", "ok"),
        ("traces", "unwatched"),
    ]
    assert shown[0].rule == "alert if < 90.0%"


def test_a_recovery_message_leaves_the_version_healthy() -> None:
    recovery = pl.DataFrame({"prompt_version": ["v1"], "kind": ["recovery"], "metric": ["pass_rate.groundedness"],
                             "severity": ["info"], "status": ["pending"]})  # fmt: skip
    drift = pl.DataFrame(schema={"prompt_version": pl.String, "verdict": pl.String, "feature": pl.String})
    assert judge(recovery, drift, "v1").verdict == "healthy"


def test_drift_and_regression_rules_colour_no_metric_tile() -> None:
    app = AppConfig.model_validate({"evaluators": ["groundedness"], "alerts": [
        {"drift": "any", "severity": "warning"},
        {"regression": {"metric": "pass_rate.groundedness", "by": 0.05}},
        {"metric": "pass_rate.groundedness", "op": "<", "value": 0.9}]})  # fmt: skip
    alerts = pl.DataFrame(schema={"prompt_version": pl.String, "kind": pl.String, "metric": pl.String,
                                  "severity": pl.String, "status": pl.String})  # fmt: skip
    assert metric_states(app, alerts, "v1") == {"pass_rate.groundedness": ("ok", "alert if < 90.0%")}
