"""The daily human-review sample: failing traces per evaluator plus a slice of passing ones.

Every trace with a verdict falls in one stratum: `fail:<evaluator>` for the first evaluator
(by name) that failed it, or `pass`. Each stratum contributes its traces with the lowest
hash of trace_id (so a rerun picks the same ones), up to the configured size, and every
sampled trace carries weight = stratum size / sampled, so agreement estimated from the
labels stands for the whole day's traffic rather than for the over-sampled failures.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.analytics.settings import ReviewConfig
from llmqa.analytics.tables import stamp

SAMPLE_SEED = 20_241_111
SAMPLE_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "trace_id": pl.String(), "prompt_version": pl.String(),
        "model": pl.String(), "stratum": pl.String(), "stratum_size": pl.Int64(), "weight": pl.Float64(),
    }
)  # fmt: skip


def strata(scores: pl.DataFrame) -> pl.DataFrame:
    """trace_id, stratum: the first failing evaluator by name, or `pass` when none failed."""
    return (
        scores.filter(pl.col("passed").is_not_null())
        .sort("evaluator")
        .group_by("trace_id")
        .agg(pl.col("evaluator").filter(~pl.col("passed")).first().alias("failed"))
        .select("trace_id", pl.format("fail:{}", "failed").fill_null("pass").alias("stratum"))
    )


def review_sample(
    day: dt.date, app_id: str, traces: pl.DataFrame, scores: pl.DataFrame, cfg: ReviewConfig
) -> pl.DataFrame:
    """The traces to review today, with their stratum and sampling weight."""
    quota = pl.when(pl.col("stratum") == "pass").then(cfg.passing).otherwise(cfg.failing_per_evaluator)
    order = pl.col("trace_id").hash(seed=SAMPLE_SEED).rank("ordinal").over("stratum")
    sampled = (
        strata(scores)
        .join(traces.select("trace_id", "prompt_version", "model"), on="trace_id")
        .with_columns(pl.len().over("stratum").alias("stratum_size"))
        .filter(order <= quota)
        .with_columns((pl.col("stratum_size") / pl.len().over("stratum")).alias("weight"))
    )
    return stamp(sampled, day, app_id, SAMPLE_SCHEMA).sort("stratum", "trace_id")
