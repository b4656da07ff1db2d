"""The features drift is tested on, as polars expressions over trace-contract frames."""

from __future__ import annotations

import numpy as np
import polars as pl

from llmqa.contract import TRACE_COLUMNS
from llmqa.drift.base import Kind
from llmqa.lowest import keep_lowest

NONE = "(none)"
DAY, VERSION, MODEL, HASH = "_day", "_prompt_version", "_model", "_hash"
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
# The trace columns the features read: drift pulls only these (context, metadata and the other texts stay in the warehouse).
COLUMNS_READ = (
    "trace_id", "ts", "app_id", "prompt_version", "model", "input", "output", "latency_ms", "cost_usd",
    "prompt_tokens", "completion_tokens", "status", "finish_reason", "feedback_score",
)  # fmt: skip
DTYPES: dict[Kind, pl.DataType] = {
    "numeric": pl.Float64(), "rate": pl.Boolean(), "categorical": pl.String(), "text": pl.String(),
}  # fmt: skip


def evaluator_features(columns: list[str]) -> dict[str, Kind]:
    """`<evaluator>_score` columns are numeric features, `<evaluator>_passed` ones rates."""
    kinds: dict[str, Kind] = {}
    for column in columns:
        if column not in TRACE_COLUMNS and column.endswith(SCORE_SUFFIX):
            kinds[column] = "numeric"
        elif column not in TRACE_COLUMNS and column.endswith(PASSED_SUFFIX):
            kinds[column] = "rate"
    return kinds


def _feature(traces: pl.DataFrame, name: str, kind: Kind) -> pl.Expr:
    if name in FEATURES[kind]:
        return FEATURES[kind][name]
    return pl.col(name) if name in traces.columns else pl.lit(None)  # an evaluator enabled since


def feature_frame(traces: pl.DataFrame, wanted: dict[str, Kind], seed: int) -> pl.DataFrame:
    """The `wanted` features (name -> kind) of a trace frame, typed by kind, with each trace's
    day, prompt version, model and seeded trace_id hash; an evaluator column the frame lacks is all null."""
    exprs = [_feature(traces, name, kind).cast(DTYPES[kind]).alias(name) for name, kind in wanted.items()]
    frame = traces.select(
        pl.col("ts").dt.date().alias(DAY),
        pl.col("prompt_version").alias(VERSION),
        pl.col("model").fill_null(NONE).alias(MODEL),
        pl.col("trace_id").hash(seed).alias(HASH),
        *exprs,
    )
    return frame


def feature_values(frame: pl.DataFrame, feature: str) -> tuple[np.ndarray, np.ndarray]:
    """The non-null values of a feature as numpy, and the day of each (for learned thresholds)."""
    values, days = frame[feature], frame[DAY]
    if values.null_count():
        present = values.is_not_null()
        values, days = values.filter(present), days.filter(present)
    return values.to_numpy(), days.to_numpy()


def sampled_values(frame: pl.DataFrame, feature: str, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """`feature_values` of the at most `limit` rows with the lowest trace hash: a sample that does
    not depend on the order or the chunks the rows were read in."""
    return feature_values(frame.filter(pl.col(feature).is_not_null()).sort(HASH).head(limit), feature)


def sample_rows(frame: pl.DataFrame, limit: int | None) -> pl.DataFrame:
    """The at most `limit` rows with the lowest trace hash, a uniform sample (every row if None)."""
    return keep_lowest(None, frame, HASH, None, limit)
