"""compare_app_day: the rows the pipeline stores for one app-day."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import polars as pl
import pytest
from drift_support import traces, window

from llmqa.drift import DRIFT_SCHEMA, DriftConfig, compare_app_day
from llmqa.drift.compare import verdicts
from llmqa.drift.multiple import benjamini_hochberg

TODAY = dt.date(2025, 2, 8)
REFERENCE = window(TODAY - dt.timedelta(days=1), 600, [1.0] * 7)
CONFIG = DriftConfig(text=())  # text drift has its own tests; keep these fast


@pytest.fixture(scope="module")
def unchanged() -> pl.DataFrame:
    return compare_app_day(TODAY, "app", traces(TODAY, 600, seed=50), REFERENCE, CONFIG)


def test_rows_match_the_drift_table_schema(unchanged: pl.DataFrame) -> None:
    assert unchanged.schema == pl.Schema(DRIFT_SCHEMA)
    assert set(unchanged["verdict"]) <= {"drift", "no_drift", "not_enough_data"}
    assert all(isinstance(json.loads(d), dict) for d in unchanged["detail"])


def test_app_level_per_version_and_ab_comparisons_are_made(unchanged: pl.DataFrame) -> None:
    made = set(unchanged.select("prompt_version", "comparison").unique().iter_rows())
    assert made == {
        ("*", "reference"),
        ("v1", "reference"),
        ("v2", "reference"),
        ("*", "ab:v1_vs_v2"),
    }


def test_every_feature_family_is_tested(unchanged: pl.DataFrame) -> None:
    features = set(unchanged.filter(pl.col("prompt_version") == "*")["feature"])
    assert {"latency_ms", "output_length", "quality_score", "quality_passed", "error_rate",
            "thumbs_down_rate", "model", "finish_reason"} <= features  # fmt: skip


def test_p_values_are_adjusted_together_across_the_day(unchanged: pl.DataFrame) -> None:
    tested = unchanged.filter(pl.col("p_value").is_not_null() & (pl.col("verdict") != "not_enough_data"))
    expected = benjamini_hochberg(tested["p_value"].to_numpy())
    assert tested["p_adjusted"].to_numpy() == pytest.approx(expected)
    assert (tested["p_adjusted"] >= tested["p_value"]).all()


def test_an_unchanged_day_does_not_alarm(unchanged: pl.DataFrame) -> None:
    assert unchanged.filter(pl.col("verdict") == "drift").is_empty()


def test_a_doubled_latency_is_drift_at_app_and_version_level() -> None:
    rows = compare_app_day(TODAY, "app", traces(TODAY, 600, seed=51, latency_factor=2.0), REFERENCE, CONFIG)
    drifting = rows.filter((pl.col("feature") == "latency_ms") & (pl.col("verdict") == "drift"))
    assert {("*", "ks"), ("v1", "ks"), ("v2", "ks")} <= set(
        drifting.select("prompt_version", "test").iter_rows()
    )


def test_a_small_app_day_is_not_enough_data() -> None:
    rows = compare_app_day(TODAY, "app", traces(TODAY, 12, seed=52), REFERENCE, CONFIG)
    ks = rows.filter((pl.col("test") == "ks") & (pl.col("prompt_version") == "*"))
    assert set(ks["verdict"]) == {"not_enough_data"}
    assert ks["statistic"].is_null().all() and ks["p_adjusted"].is_null().all()


def test_a_new_version_is_compared_with_the_one_it_replaced() -> None:
    today = traces(TODAY, 600, seed=53, versions=("v2", "v3"))
    retiring = REFERENCE.with_columns(
        prompt_version=pl.when(pl.col("ts").dt.date() < TODAY - dt.timedelta(days=2))
        .then(pl.col("prompt_version"))
        .otherwise(pl.lit("v2"))
    )  # v1 last served two days ago
    rows = compare_app_day(TODAY, "app", today, retiring, CONFIG)
    assert ("v3", "replaces:v1") in set(rows.select("prompt_version", "comparison").iter_rows())


def test_models_of_one_version_are_compared_without_the_model_feature() -> None:
    today = traces(TODAY, 600, seed=54, models=("gpt-4o-mini", "claude-3-5-haiku"))
    rows = compare_app_day(TODAY, "app", today, REFERENCE, CONFIG)
    ab_model = rows.filter(pl.col("comparison") == "ab_model:claude-3-5-haiku_vs_gpt-4o-mini")
    assert set(ab_model["prompt_version"]) == {"v1", "v2"}
    assert "model" not in set(ab_model["feature"])


def test_an_evaluator_missing_from_the_reference_is_not_enough_data() -> None:
    reference = REFERENCE.drop("quality_score", "quality_passed")
    rows = compare_app_day(TODAY, "app", traces(TODAY, 600, seed=55), reference, CONFIG)
    reference_rows = rows.filter(
        (pl.col("feature") == "quality_passed") & (pl.col("comparison") == "reference")
    )
    assert set(reference_rows["verdict"]) == {"not_enough_data"}


def test_non_finite_latencies_are_dropped_and_counted() -> None:
    today = traces(TODAY, 600, seed=56).with_columns(
        latency_ms=pl.when(pl.int_range(pl.len()) < 5).then(np.inf).otherwise(pl.col("latency_ms"))
    )
    rows = compare_app_day(TODAY, "app", today, REFERENCE, CONFIG)
    ks = rows.filter(
        (pl.col("feature") == "latency_ms") & (pl.col("test") == "ks") & (pl.col("prompt_version") == "*")
    )
    assert json.loads(ks["detail"][0])["dropped_current"] == 5
    assert ks["n_current"][0] == 595


def _judged(features: list[str], **columns: list[float | None]) -> pl.DataFrame:
    """Verdicts for hand-made result rows of one comparison (no signed effects unless `low`)."""
    rows = pl.DataFrame(
        {"prompt_version": "*", "comparison": "reference", "feature": features,
         "low": [None] * len(features), "enough": True} | columns,
        schema_overrides={c: pl.Float64 for c in ("p_value", "effect_size", "low", "high")},
    )  # fmt: skip
    return verdicts(rows, 0.05)


def test_an_undefined_effect_is_never_a_drift() -> None:
    judged = _judged(["a", "b"], p_value=[None, 0.001], effect_size=[None, None], high=[0.1, 0.05])
    assert judged["verdict"].to_list() == ["no_drift", "no_drift"]


def test_a_distance_drifts_only_when_its_features_p_value_test_is_significant() -> None:
    judged = _judged(
        ["quiet", "quiet", "moved", "moved", "alone"],
        p_value=[0.5, None, 0.0001, None, None],
        effect_size=[0.01, 0.3, 0.2, 0.3, 0.3],
        high=[0.05, 0.1, 0.05, 0.1, 0.1],
    )
    assert judged["verdict"].to_list() == ["no_drift", "no_drift", "drift", "drift", "drift"]


def test_a_signed_effect_drifts_below_its_low_bound_and_shows_that_bound() -> None:
    rows = pl.DataFrame(
        {"prompt_version": "*", "comparison": "reference", "feature": ["a", "b"],
         "p_value": [0.001, 0.001], "effect_size": [-0.03, 0.01], "low": [-0.02, -0.02],
         "high": [0.02, 0.02], "enough": [True, True]},
    )  # fmt: skip
    judged = verdicts(rows, 0.05)
    assert judged["verdict"].to_list() == ["drift", "no_drift"]
    assert judged["threshold"].to_list() == [-0.02, 0.02]
