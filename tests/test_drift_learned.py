"""Learned thresholds: a metric that moves a lot from day to day does not page anyone."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
from drift_support import traces, window

from llmqa.drift import DriftConfig, compare_app_day
from llmqa.drift.ks import TEST as KS
from llmqa.drift.learned import learned_range

TODAY = dt.date(2025, 2, 8)
NOISY_DAYS = [0.85, 1.15, 0.9, 1.1, 0.95, 1.05, 1.0]  # the reference's own daily latency swings


def test_range_is_mean_plus_minus_k_sd_of_each_day_against_the_rest() -> None:
    rng = np.random.default_rng(0)
    days = np.repeat(np.array(["d1", "d2", "d3", "d4"]), 100)
    values = rng.normal(size=400) + np.repeat([0.0, 0.3, -0.2, 0.1], 100)
    effects = [KS.compute(values[days != d], values[days == d], 0.05).effect_size for d in np.unique(days)]
    learned = learned_range(KS, values, days, threshold=0.05, k=2.0, min_days=3, min_samples=30)
    assert learned is not None
    assert learned.low == pytest.approx(np.mean(effects) - 2 * np.std(effects, ddof=1))
    assert learned.high == pytest.approx(np.mean(effects) + 2 * np.std(effects, ddof=1))
    assert learned.days == 4


def test_too_few_reference_days_learn_nothing() -> None:
    values, days = np.arange(200.0), np.repeat(np.array(["d1", "d2"]), 100)
    assert learned_range(KS, values, days, threshold=0.05, k=3.0, min_days=3, min_samples=30) is None


def _latency_ks(current: pl.DataFrame, config: DriftConfig) -> dict[str, object]:
    reference = window(TODAY - dt.timedelta(days=1), 800, NOISY_DAYS, versions=("v1",))
    rows = compare_app_day(TODAY, "app", current, reference, config)
    return rows.filter(
        (pl.col("prompt_version") == "*") & (pl.col("feature") == "latency_ms") & (pl.col("test") == "ks")
    ).row(0, named=True)


def test_a_shift_inside_the_daily_swings_is_no_drift_once_learned() -> None:
    today = traces(TODAY, 800, seed=99, latency_factor=1.1, versions=("v1",))
    unlearned = _latency_ks(today, DriftConfig(min_reference_days=len(NOISY_DAYS) + 1))
    learned = _latency_ks(today, DriftConfig())
    assert unlearned["verdict"] == "drift"
    assert learned["verdict"] == "no_drift"
    assert learned["threshold"] > learned["effect_size"] > unlearned["threshold"]
    assert '"reference_range"' in str(learned["detail"])


def test_a_shift_far_beyond_the_daily_swings_is_still_drift() -> None:
    today = traces(TODAY, 800, seed=99, latency_factor=1.8, versions=("v1",))
    assert _latency_ks(today, DriftConfig())["verdict"] == "drift"
