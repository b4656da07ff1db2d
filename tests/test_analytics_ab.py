"""Prompt-version A/B on one day's traffic: a version built to resolve more is found, a twin is not."""

from __future__ import annotations

import polars as pl
import pytest

from llmqa.analytics.ab_test import ab_findings, ab_tests, natural_key
from llmqa.analytics.outcomes import trace_outcomes
from llmqa.analytics.task_metrics import TaskMetricSpec
from llmqa.config import AppConfig
from llmqa.evaluate import evaluate_batch, wide_scores
from llmqa.synthetic import App, Rates, Version, generate_traces
from tests.conftest import DAY

RESOLVED = {"resolution_rate": TaskMetricSpec(metadata_key="resolved", equals=True)}


def _day(old: Version, new: Version, traces: int = 2400, seed: int = 5) -> pl.DataFrame:
    app = App("bot", "support", 1.0, (old, new))
    traces_ = generate_traces(DAY, days=1, traces_per_day=traces, seed=seed, apps=(app,))
    traces_ = traces_.unique("trace_id", keep="first").filter(pl.col("latency_ms") >= 0)
    scores = evaluate_batch(traces_, AppConfig(evaluators={"groundedness": {}}))
    return trace_outcomes(wide_scores(traces_, scores), RESOLVED)


def _row(frame: pl.DataFrame, metric: str) -> dict:
    return frame.filter(pl.col("metric") == metric).row(0, named=True)


def test_a_version_made_to_resolve_more_wins_significantly() -> None:
    outcomes = _day(Version("v6", {"gpt-4o-mini": 1.0}, rates=Rates(hallucination=0.25)),
                    Version("v7", {"gpt-4o": 1.0}, rates=Rates(hallucination=0.03)))  # fmt: skip
    result = ab_tests(DAY, "bot", outcomes)
    resolution = _row(result, "task.resolution_rate")
    assert (resolution["version_a"], resolution["version_b"]) == ("v6", "v7")
    assert resolution["difference"] > 0.1 and resolution["p_adjusted"] < 0.001
    assert resolution["verdict"] == "v7 higher"
    assert _row(result, "cost_usd")["verdict"] == "v7 higher"  # gpt-4o costs more
    finding = ab_findings(result)[0]
    assert finding.startswith("v7 vs v6: resolution_rate") and "cost per trace" in finding


def test_twin_versions_show_no_difference_and_the_traffic_a_verdict_needs() -> None:
    twins = Version("v1", {"gpt-4o-mini": 1.0}), Version("v2", {"gpt-4o-mini": 1.0})
    days = [ab_tests(DAY, "bot", _day(*twins, seed=seed)) for seed in range(5, 10)]
    # Holm keeps the chance of any false verdict on a day under 5%: two days in five would be 2%
    assert sum(set(day["verdict"]) != {"no significant difference"} for day in days) <= 1
    result = next(day for day in days if set(day["verdict"]) == {"no significant difference"})
    resolution = _row(result, "task.resolution_rate")
    assert resolution["min_n_per_version"] > max(resolution["n_a"], resolution["n_b"])
    assert "no significant difference yet" in ab_findings(result)[0]


def test_a_single_version_day_has_no_comparison() -> None:
    outcomes = _day(Version("v1", {"gpt-4o-mini": 1.0}), Version("v1", {"gpt-4o-mini": 1.0}), traces=200)
    assert ab_tests(DAY, "bot", outcomes).height == 0


def test_versions_sort_naturally() -> None:
    assert sorted(["v10", "v9", "v1"], key=natural_key) == ["v1", "v9", "v10"]


def test_rates_hold_the_counts_they_test() -> None:
    outcomes = _day(Version("v1", {"gpt-4o-mini": 1.0}), Version("v2", {"gpt-4o": 1.0}), traces=400)
    row = _row(ab_tests(DAY, "bot", outcomes), "task.resolution_rate")
    v1 = outcomes.filter(pl.col("prompt_version") == "v1")["task.resolution_rate"]
    assert row["n_a"] == v1.count() and row["value_a"] == pytest.approx(v1.mean())
