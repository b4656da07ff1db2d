"""How well each evaluator agrees with the human labels, per week, and which ones are slipping.

The positive class is "fails": precision is the share of traces an evaluator failed that
reviewers also failed, recall the share of traces reviewers failed that the evaluator
caught. Counts are weighted by the sampling weight of each label (see review_sample), so
they estimate the day's traffic rather than the over-sampled failures. Cohen's kappa is
given for LLM judges (evaluators named judge_*). An evaluator is flagged when its raw
agreement in the latest week is at least `agreement_drop` below the earlier weeks pooled
and a two-proportion z test puts the drop below `alpha`.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.analytics.settings import ReviewConfig
from llmqa.analytics.stats import two_proportion_z
from llmqa.analytics.tables import stamp

PERIOD_DAYS = 7
AGREEMENT_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "evaluator": pl.String(), "period_start": pl.Date(),
        "period_end": pl.Date(), "labels": pl.Int64(), "agreed": pl.Int64(), "precision": pl.Float64(),
        "recall": pl.Float64(), "agreement": pl.Float64(), "kappa": pl.Float64(), "flagged": pl.Boolean(),
        "note": pl.String(),
    }
)  # fmt: skip


def _weighted(mask: pl.Expr) -> pl.Expr:
    return (pl.col("weight").fill_null(1.0) * mask.cast(pl.Float64)).sum()


def _confusion(labelled: pl.DataFrame) -> pl.DataFrame:
    """Weighted tp/fp/fn/tn (positive = fail) and raw counts per evaluator × period."""
    flagged, failed = ~pl.col("passed"), ~pl.col("human_passed")
    return labelled.group_by("evaluator", "period").agg(
        pl.len().alias("labels"), (pl.col("passed") == pl.col("human_passed")).sum().alias("agreed"),
        _weighted(flagged & failed).alias("tp"), _weighted(flagged & ~failed).alias("fp"),
        _weighted(~flagged & failed).alias("fn"), _weighted(~flagged & ~failed).alias("tn"),
    )  # fmt: skip


def _kappa() -> pl.Expr:
    tp, fp, fn, tn = (pl.col(c) for c in ("tp", "fp", "fn", "tn"))
    total = tp + fp + fn + tn
    chance = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / total**2
    return ((tp + tn) / total - chance) / (1 - chance)


def _drop(rows: pl.DataFrame, cfg: ReviewConfig, alpha: float) -> tuple[bool, str | None]:
    """Whether the latest period's agreement fell against the earlier ones, and how to say it."""
    latest = rows.filter(pl.col("period") == 0)
    earlier = rows.filter(pl.col("period") > 0).select(pl.col("labels", "agreed").sum())
    if latest.height == 0 or latest["labels"][0] < cfg.min_labels or earlier["labels"][0] < cfg.min_labels:
        return False, None
    n_now, k_now = latest["labels"][0], latest["agreed"][0]
    n_before, k_before = earlier["labels"][0], earlier["agreed"][0]
    before, now = k_before / n_before, k_now / n_now
    test = two_proportion_z(k_before, n_before, k_now, n_now)
    if before - now >= cfg.agreement_drop and test.p_value < alpha:
        return True, f"agreement with reviewers fell from {before:.0%} to {now:.0%} (p = {test.p_value:.3g})"
    return False, None


def review_agreement(
    day: dt.date, app_id: str, labelled: pl.DataFrame, cfg: ReviewConfig, *, alpha: float = 0.05
) -> pl.DataFrame:
    """Per evaluator and week ending on `day`: labels, precision, recall, agreement, kappa, drop flag."""
    if labelled.height == 0:
        return pl.DataFrame(schema=AGREEMENT_SCHEMA)
    period = ((pl.lit(day) - pl.col("day")).dt.total_days() // PERIOD_DAYS).alias("period")
    table = _confusion(labelled.with_columns(period))
    flags = [(e, *_drop(rows, cfg, alpha)) for (e,), rows in table.group_by("evaluator")]
    flag_frame = pl.DataFrame(flags, schema=["evaluator", "flag", "message"], orient="row")
    ends = pl.lit(day) - pl.duration(days=pl.col("period") * PERIOD_DAYS)
    table = table.join(flag_frame, on="evaluator").with_columns(
        (ends - pl.duration(days=PERIOD_DAYS - 1)).alias("period_start"),
        ends.alias("period_end"),
        (pl.col("tp") / (pl.col("tp") + pl.col("fp"))).alias("precision"),
        (pl.col("tp") / (pl.col("tp") + pl.col("fn"))).alias("recall"),
        ((pl.col("tp") + pl.col("tn")) / pl.sum_horizontal("tp", "fp", "fn", "tn")).alias("agreement"),
        pl.when(pl.col("evaluator").str.starts_with("judge_")).then(_kappa()).alias("kappa"),
        (pl.col("flag") & (pl.col("period") == 0)).alias("flagged"),
        pl.when(pl.col("period") == 0).then(pl.col("message")).alias("note"),
    )
    stamped = stamp(table, day, app_id, AGREEMENT_SCHEMA)
    return stamped.with_columns(pl.col(pl.Float64).fill_nan(None)).sort("evaluator", "period_start")
