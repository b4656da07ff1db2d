"""The trace contract: the columns llmqa reads and the polars types it gives them."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

TRACE_SCHEMA = pl.Schema(
    {
        "trace_id": pl.String(),
        "ts": pl.Datetime("us"),
        "app_id": pl.String(),
        "prompt_version": pl.String(),
        "model": pl.String(),
        "input": pl.String(),
        "output": pl.String(),
        "context": pl.String(),
        "reference": pl.String(),
        "latency_ms": pl.Float64(),
        "cost_usd": pl.Float64(),
        "prompt_tokens": pl.Int64(),
        "completion_tokens": pl.Int64(),
        "status": pl.String(),
        "finish_reason": pl.String(),
        "feedback_score": pl.Float64(),
        "feedback_text": pl.String(),
        "session_id": pl.String(),
        "metadata": pl.String(),
    }
)

TRACE_COLUMNS: tuple[str, ...] = tuple(TRACE_SCHEMA)
REQUIRED_COLUMNS: tuple[str, ...] = ("trace_id", "ts", "app_id", "prompt_version", "model")
SEGMENT_KEYS: tuple[str, ...] = ("prompt_version", "model")
KNOWN_STATUSES: tuple[str, ...] = ("ok", "error", "timeout", "cancelled", "content_filter")


def is_blank(text: pl.Expr) -> pl.Expr:
    """True where a text column is null or only whitespace."""
    return text.is_null() | (text.str.strip_chars().str.len_chars() == 0)


def missing_input(batch: pl.DataFrame, columns: Sequence[str]) -> pl.Expr:
    """'no <column>' for the first of `columns` a row leaves null or blank (or the batch lacks); else null."""
    lacking = [
        pl.lit(True)
        if c not in batch.columns
        else is_blank(pl.col(c))
        if batch.schema[c] == pl.String
        else pl.col(c).is_null()
        for c in columns
    ]
    return pl.coalesce([pl.when(no).then(pl.lit(f"no {c}")) for no, c in zip(lacking, columns, strict=True)])
