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

from llmqa.analytics.outcomes import judged_by
from llmqa.analytics.settings import ReviewConfig
from llmqa.analytics.tables import stamp
from llmqa.drift.features import PASSED_SUFFIX

SAMPLE_SEED = 20_241_111
SAMPLE_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "trace_id": pl.String(), "prompt_version": pl.String(),
        "model": pl.String(), "stratum": pl.String(), "stratum_size": pl.Int64(), "weight": pl.Float64(),
    }
)  # fmt: skip


def strata(scored: pl.DataFrame) -> pl.DataFrame:
    """trace_id, stratum of the traces of `scored` (with `<evaluator>_passed` columns) that some evaluator
    gave a verdict: the first evaluator by name that failed it, or `pass` when none did."""
    evaluators = judged_by(scored.columns)
    if not evaluators:
        return pl.DataFrame(schema={"trace_id": pl.String(), "stratum": pl.String()})
    passed = [pl.col(f"{e}{PASSED_SUFFIX}") for e in evaluators]
    failed = pl.coalesce(
        [pl.when(~verdict).then(pl.lit(e)) for verdict, e in zip(passed, evaluators, strict=True)]
    )
    return scored.filter(pl.any_horizontal(v.is_not_null() for v in passed)).select(
        "trace_id", pl.format("fail:{}", failed).fill_null("pass").alias("stratum")
    )


def sample_rank() -> pl.Expr:
    """A trace's place in its stratum's queue for review: by a seeded hash of its id, so a rerun picks the same."""
    return pl.col("trace_id").hash(seed=SAMPLE_SEED)


def quota(cfg: ReviewConfig) -> pl.Expr:
    """How many traces a stratum sends to review."""
    return pl.when(pl.col("stratum") == "pass").then(cfg.passing).otherwise(cfg.failing_per_evaluator)


def review_sample(
    day: dt.date, app_id: str, traces: pl.DataFrame, stratified: pl.DataFrame, cfg: ReviewConfig
) -> pl.DataFrame:
    """The traces to review today, with their stratum and sampling weight; `stratified` is `strata(...)`."""
    sampled = (
        stratified.join(traces.select("trace_id", "prompt_version", "model"), on="trace_id")
        .with_columns(pl.len().over("stratum").alias("stratum_size"))
        .filter(sample_rank().rank("ordinal").over("stratum") <= quota(cfg))
        .with_columns((pl.col("stratum_size") / pl.len().over("stratum")).alias("weight"))
    )
    return stamp(sampled, day, app_id, SAMPLE_SCHEMA).sort("stratum", "trace_id")
