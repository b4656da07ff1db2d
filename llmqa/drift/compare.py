"""compare_app_day: every drift test and comparison of one app-day, as `llmqa_drift` rows."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from typing import Any

import polars as pl

from llmqa.drift.base import Kind
from llmqa.drift.config import FEATURE_FIELDS, DriftConfig
from llmqa.drift.features import evaluator_features, feature_frame, sample_rows
from llmqa.drift.multiple import benjamini_hochberg
from llmqa.drift.plan import plan_comparisons
from llmqa.drift.run import LEARN, learn_bounds, run_comparison

DRIFT_SCHEMA: dict[str, pl.DataType] = {
    "day": pl.Date(),
    "app_id": pl.String(),
    "prompt_version": pl.String(),
    "comparison": pl.String(),
    "feature": pl.String(),
    "test": pl.String(),
    "statistic": pl.Float64(),
    "p_value": pl.Float64(),
    "p_adjusted": pl.Float64(),
    "effect_size": pl.Float64(),
    "threshold": pl.Float64(),
    "verdict": pl.String(),
    "n_reference": pl.Int64(),
    "n_current": pl.Int64(),
    "detail": pl.String(),
}
_ROW_SCHEMA: dict[str, pl.DataType] = {
    name: DRIFT_SCHEMA[name]
    for name in ("prompt_version", "comparison", "feature", "test", "statistic", "p_value",
                 "effect_size", "n_reference", "n_current", "detail")
} | {"low": pl.Float64(), "high": pl.Float64(), "enough": pl.Boolean()}  # fmt: skip


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: such floats become null, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def wanted_features(config: DriftConfig, columns: Iterable[str]) -> dict[str, Kind]:
    """The features to test (name -> kind): the configured ones, and those of the evaluator columns among `columns`."""
    wanted: dict[str, Kind] = {
        name: kind for key, kind in FEATURE_FIELDS.items() for name in getattr(config, key)
    }
    if config.evaluator_features:
        wanted |= evaluator_features(sorted(set(columns)))
    return wanted


def verdicts(rows: pl.DataFrame, alpha: float) -> pl.DataFrame:
    """Adjust the p-values of all rows together (BH) and decide each row's verdict.

    drift: enough data, a significant change and an effect at or beyond its bounds (when it has
    any); the threshold column shows the bound on the effect's side. Significant: adjusted p
    below alpha; a test without a p-value (a distance) borrows the significance of the p-value
    tests of its feature in its comparison, so a distance alone never calls noise a drift.
    An undefined effect is never a drift.
    """
    tested = pl.col("enough") & pl.col("p_value").is_not_null()
    p = rows.select(pl.when(tested).then(pl.col("p_value"))).to_series().fill_null(float("nan"))
    rows = rows.with_columns(p_adjusted=pl.Series(benjamini_hochberg(p.to_numpy())).fill_nan(None))
    effect, low, high = pl.col("effect_size"), pl.col("low"), pl.col("high")
    same_feature = ["prompt_version", "comparison", "feature"]
    p_adjusted = pl.col("p_adjusted")
    significant = (
        pl.when(p_adjusted.is_not_null())
        .then(p_adjusted < alpha)
        .when(p_adjusted.is_not_null().any().over(same_feature))
        .then((p_adjusted < alpha).any().over(same_feature))
        .otherwise(True)
    )
    beyond = high.is_null() | (effect >= high) | (low.is_not_null() & (effect <= low))
    return rows.with_columns(
        threshold=pl.when(low.is_not_null() & (effect < 0)).then(low).otherwise(high),
        verdict=pl.when(~pl.col("enough"))
        .then(pl.lit("not_enough_data"))
        .when(significant & beyond.fill_null(False))
        .then(pl.lit("drift"))
        .otherwise(pl.lit("no_drift")),
    )


def _frame(rows: list[dict[str, Any]], alpha: float) -> pl.DataFrame:
    public = [{k: v for k, v in row.items() if k != LEARN} for row in rows]
    for row in public:
        row["detail"] = json.dumps(_finite(row["detail"]), sort_keys=True)
    frame = pl.DataFrame(public, schema=_ROW_SCHEMA)
    return verdicts(frame.with_columns(pl.col("statistic", "effect_size").fill_nan(None)), alpha)


def compare_features(
    day: dt.date,
    app_id: str,
    current: pl.DataFrame,
    reference: pl.DataFrame,
    wanted: dict[str, Kind],
    config: DriftConfig,
) -> pl.DataFrame:
    """Test one app-day's feature frame against its reference window's, versions against each other,
    and new versions against the ones they replaced; one row per comparison x feature x test."""  # fmt: skip
    rows = [
        row
        for plan in plan_comparisons(current, reference, config)
        for row in run_comparison(plan, wanted, config)
    ]
    drifting = _frame(rows, config.alpha)["verdict"] == "drift"
    for index in drifting.arg_true():
        learn_bounds(rows[index], config)
    frame = _frame(rows, config.alpha)
    return frame.with_columns(day=pl.lit(day, pl.Date), app_id=pl.lit(app_id)).select(
        [pl.col(c).cast(t) for c, t in DRIFT_SCHEMA.items()]
    )


def compare_app_day(
    day: dt.date, app_id: str, current: pl.DataFrame, reference: pl.DataFrame, config: DriftConfig
) -> pl.DataFrame:
    """`compare_features` of two trace frames (with their `<evaluator>_score` and `_passed` columns),
    each sampled to `config.max_rows`."""
    wanted = wanted_features(config, [*current.columns, *reference.columns])
    cur, ref = (
        sample_rows(feature_frame(f, wanted, config.seed), config.max_rows) for f in (current, reference)
    )
    return compare_features(day, app_id, cur, ref, wanted, config)
