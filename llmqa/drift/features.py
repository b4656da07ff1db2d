"""The features drift is tested on, as polars expressions over trace-contract frames."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import polars as pl

from llmqa.contract import TRACE_COLUMNS
from llmqa.drift.base import Kind

NONE = "(none)"
DAY, VERSION, MODEL = "_day", "_prompt_version", "_model"
SCORE_SUFFIX, PASSED_SUFFIX = "_score", "_passed"

FEATURES: dict[Kind, dict[str, pl.Expr]] = {
    "numeric": {
        "latency_ms": pl.col("latency_ms"),
        "prompt_tokens": pl.col("prompt_tokens"),
        "completion_tokens": pl.col("completion_tokens"),
        "cost_usd": pl.col("cost_usd"),
        "output_length": pl.col("output").str.len_chars(),
    },
    "rate": {
        "error_rate": pl.col("status") != "ok",
        "thumbs_down_rate": pl.col("feedback_score") <= 0,
    },
    "categorical": {
        "model": pl.col("model").fill_null(NONE),
        "finish_reason": pl.col("finish_reason").fill_null(NONE),
    },
    "text": {"input": pl.col("input"), "output": pl.col("output")},
}
BUILT_IN = frozenset(name for features in FEATURES.values() for name in features)
DTYPES: dict[Kind, pl.DataType] = {
    "numeric": pl.Float64(), "rate": pl.Boolean(), "categorical": pl.String(), "text": pl.String(),
}  # fmt: skip


class FeatureFrame(NamedTuple):
    """One column per feature plus the day, prompt version and model of each trace."""

    frame: pl.DataFrame
    kinds: dict[str, Kind]


def evaluator_features(columns: list[str]) -> dict[str, Kind]:
    """`<evaluator>_score` columns are numeric features, `<evaluator>_passed` ones rates."""
    extra = [c for c in columns if c not in TRACE_COLUMNS]
    return {c: "numeric" for c in extra if c.endswith(SCORE_SUFFIX)} | {
        c: "rate" for c in extra if c.endswith(PASSED_SUFFIX)
    }


def feature_frame(traces: pl.DataFrame, wanted: dict[str, Kind]) -> FeatureFrame:
    """Compute the `wanted` features (name -> kind) of a trace frame, typed by kind."""
    exprs = [
        (FEATURES[kind].get(name, pl.col(name))).cast(DTYPES[kind]).alias(name)
        for name, kind in wanted.items()
    ]
    frame = traces.select(
        pl.col("ts").dt.date().alias(DAY),
        pl.col("prompt_version").alias(VERSION),
        pl.col("model").fill_null(NONE).alias(MODEL),
        *exprs,
    )
    return FeatureFrame(frame, dict(wanted))


def feature_values(frame: pl.DataFrame, feature: str) -> tuple[np.ndarray, np.ndarray]:
    """The non-null values of a feature as numpy, and the day of each (for learned thresholds)."""
    present = frame.select(DAY, feature).drop_nulls(feature)
    return present[feature].to_numpy(), present[DAY].to_numpy()
