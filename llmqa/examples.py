"""The worst traces of a day: ranked, redacted excerpts kept for reports and alerts.

A day evaluated in chunks keeps each chunk's candidates (`failing_candidates`); `worst_traces`
ranks them all, so the result does not depend on where the chunks were cut.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from llmqa.redact import excerpt_expr, redact_expr

EXAMPLES_SCHEMA = pl.Schema(
    {
        "day": pl.Date(),
        "app_id": pl.String(),
        "prompt_version": pl.String(),
        "model": pl.String(),
        "trace_id": pl.String(),
        "rank": pl.Int64(),
        "n_failed": pl.Int64(),
        "failed": pl.String(),
        "reasons": pl.String(),
        "unsupported": pl.String(),
        "input_excerpt": pl.String(),
        "output_excerpt": pl.String(),
        "context_excerpt": pl.String(),
    }
)
CANDIDATES_SCHEMA = pl.Schema(
    {
        "mean_score": pl.Float64(),
        **{c: t for c, t in EXAMPLES_SCHEMA.items() if c not in ("day", "app_id", "rank")},
    }
)


def _with_repeat(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with `repeat`: how many traces of its prompt version that failed the same
    evaluators have a lower mean score (or, tied, a lower trace id)."""
    return frame.sort("mean_score", "trace_id").with_columns(
        pl.int_range(pl.len()).over("prompt_version", "failed").alias("repeat")
    )


def _ranked(frame: pl.DataFrame, per_version: int) -> pl.DataFrame:
    """The first `per_version` rows of each prompt version, with their rank: most evaluators failed
    first, then one trace of each failing combination before a second of any (five blank answers
    must not hide the one hallucination), then the lowest mean score."""
    return (
        _with_repeat(frame)
        .sort(["n_failed", "repeat", "mean_score", "trace_id"], descending=[True, False, False, False])
        .with_columns(pl.int_range(1, pl.len() + 1).over("prompt_version").alias("rank"))
        .filter(pl.col("rank") <= per_version)
        .drop("repeat")
    )


def failing_candidates(batch: pl.DataFrame, scores: pl.DataFrame, per_version: int) -> pl.DataFrame:
    """Up to `per_version` failing traces per prompt version and failing combination of one batch,
    with excerpts and ranking keys."""
    failed = scores.filter(pl.col("passed").not_())
    if failed.height == 0 or per_version == 0:
        return pl.DataFrame(schema=CANDIDATES_SCHEMA)
    summed = failed.group_by("trace_id").agg(
        pl.len().alias("n_failed"),
        pl.col("score").mean().alias("mean_score"),
        pl.col("evaluator").sort().str.join(", ").alias("failed"),
        pl.format("{}: {}", "evaluator", pl.col("reason").fill_null("failed"))
        .str.join("; ")
        .alias("reasons"),
        pl.col("reason")
        .filter(pl.col("evaluator") == "groundedness")
        .first()
        .str.strip_prefix("unsupported: ")
        .alias("unsupported"),
    )
    # each failing combination's first `per_version`: whatever the other chunks hold, the day's
    # ranking (`worst_traces`) needs no other trace of this chunk
    kept = _with_repeat(summed.join(batch, on="trace_id")).filter(pl.col("repeat") < per_version)
    return kept.select(
        "mean_score",
        "prompt_version",
        "model",
        "trace_id",
        "n_failed",
        "failed",
        excerpt_expr(pl.col("reasons"), 600).alias("reasons"),
        redact_expr(pl.col("unsupported")).alias("unsupported"),
        excerpt_expr(pl.col("input")).alias("input_excerpt"),
        excerpt_expr(pl.col("output"), 800).alias("output_excerpt"),
        excerpt_expr(pl.col("context"), 600).alias("context_excerpt"),
    ).cast(CANDIDATES_SCHEMA)


def worst_traces(
    day: dt.date, app_id: str, candidates: Iterable[pl.DataFrame], per_version: int
) -> pl.DataFrame:
    """Up to `per_version` failing traces per prompt version of the day, from every chunk's candidates."""
    ranked = _ranked(pl.concat([pl.DataFrame(schema=CANDIDATES_SCHEMA), *candidates]), per_version)
    return ranked.select(
        pl.lit(day).alias("day"),
        pl.lit(app_id).alias("app_id"),
        *[c for c in EXAMPLES_SCHEMA if c not in ("day", "app_id")],
    ).cast(EXAMPLES_SCHEMA)
