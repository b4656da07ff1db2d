"""Evidently as a second engine: same statistics on the same data (needs the evidently extra,
which the test extra installs, so this runs with the rest of the suite)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
from drift_support import traces, window

from llmqa.drift import DriftConfig, compare_app_day
from llmqa.drift.evidently_engine import evidently_scores
from llmqa.drift.ks import ks
from llmqa.drift.wasserstein import wasserstein

RNG = np.random.default_rng(11)
REFERENCE = pl.DataFrame(
    {"latency_ms": RNG.lognormal(6.8, 0.35, 1500), "cost_usd": RNG.gamma(2.0, 0.001, 1500)}
)
CURRENT = pl.DataFrame({"latency_ms": RNG.lognormal(6.9, 0.35, 900), "cost_usd": RNG.gamma(2.0, 0.001, 900)})


@pytest.mark.parametrize("column", ["latency_ms", "cost_usd"])
def test_ks_p_value_agrees_with_evidentlys(column: str) -> None:
    (score,) = [s for s in evidently_scores(REFERENCE, CURRENT, [column], "ks") if s["column"] == column]
    ours = ks(REFERENCE[column].to_numpy(), CURRENT[column].to_numpy(), 0.05)
    assert score["method"] == "ks"
    assert ours.p_value == pytest.approx(score["score"], rel=1e-9)


@pytest.mark.parametrize("column", ["latency_ms", "cost_usd"])
def test_normalised_wasserstein_agrees_with_evidentlys(column: str) -> None:
    (score,) = [
        s for s in evidently_scores(REFERENCE, CURRENT, [column], "wasserstein") if s["column"] == column
    ]
    ours = wasserstein(REFERENCE[column].to_numpy(), CURRENT[column].to_numpy(), 0.1)
    assert ours.statistic == pytest.approx(score["score"], rel=1e-9)
    assert score["threshold"] == pytest.approx(0.1)


def test_the_evidently_engine_replaces_llmqas_numeric_tests() -> None:
    today = dt.date(2025, 2, 8)
    reference = window(today - dt.timedelta(days=1), 300, [1.0] * 7)
    config = DriftConfig(engine="evidently", text=(), ab=False)
    rows = compare_app_day(today, "app", traces(today, 300, seed=5, latency_factor=1.6), reference, config)
    latency = rows.filter((pl.col("feature") == "latency_ms") & (pl.col("prompt_version") == "*"))
    assert latency["test"].to_list() == ["evidently_wasserstein"]  # Evidently's choice over 1,000 rows
    assert latency["verdict"].to_list() == ["drift"]
    assert not rows["test"].is_in(["ks", "wasserstein", "psi"]).any()
