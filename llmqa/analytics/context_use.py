"""Context window: groundedness by context length, retrieved context the answer never uses, and a finding.

Context length is estimated as characters / 4 tokens. A retrieved passage (an item of a
JSON array, or a blank-line separated paragraph of plain text) counts as used when at
least USED_OVERLAP of its distinct words appear in the answer; the unused share is the
characters of unused passages over all context characters. Whether long contexts fail
more often is a two-proportion z test of the pass rate above the median length against
the rate at or below it.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import polars as pl

from llmqa.analytics.stats import two_proportion_z
from llmqa.analytics.tables import stamp
from llmqa.intervals import wilson_interval

USED_OVERLAP = 0.3
EDGES = (250, 500, 1000, 2000, 4000, 8000)
GROUNDEDNESS = ("pass_rate.groundedness", "pass_rate.judge_groundedness")
CONTEXT_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "prompt_version": pl.String(), "bucket": pl.String(),
        "bucket_order": pl.Int64(), "traces": pl.Int64(), "mean_context_tokens": pl.Float64(),
        "graded": pl.Int64(), "pass_rate": pl.Float64(), "ci_low": pl.Float64(), "ci_high": pl.Float64(),
        "unused_share": pl.Float64(),
    }
)  # fmt: skip
LABELS = [f"<{EDGES[0]}", *[f"{a}–{b}" for a, b in pairwise(EDGES)], f"≥{EDGES[-1]}"]


def _words(text: pl.Expr) -> pl.Expr:
    return text.str.to_lowercase().str.extract_all(r"[\p{L}\p{N}$%]+").list.unique()


def unused_chars(frame: pl.DataFrame) -> pl.DataFrame:
    """trace_id, context_chars, unused_chars: how much retrieved text the answer draws no words from."""
    with_context = frame.filter(pl.col("context").str.strip_chars().str.len_chars() > 0)
    is_json = pl.col("context").str.strip_chars().str.starts_with("[")
    passages = pl.concat([
        with_context.filter(is_json).select("trace_id", pl.col("context").str.json_decode(pl.List(pl.String)).alias("passage")),
        with_context.filter(~is_json).select("trace_id", pl.col("context").str.split("\n\n").alias("passage")),
    ]).explode("passage").filter(pl.col("passage").str.len_chars() > 0)  # fmt: skip
    # Retrieval returns the same passages over and over: split each distinct one into words once.
    distinct = passages.select(pl.col("passage").unique()).with_columns(
        pl.col("passage").str.len_chars().alias("chars"), _words(pl.col("passage")).alias("words")
    )
    # Words as codes in the passages' vocabulary: an answer word outside it can match no passage.
    vocabulary = pl.Enum(distinct["words"].explode().drop_nulls().unique().sort())
    codes = pl.element().cast(vocabulary, strict=False).to_physical()
    answers = with_context.select(
        "trace_id", _words(pl.col("output").fill_null("")).list.eval(codes).list.drop_nulls().alias("answer")
    )
    words = passages.join(distinct.with_columns(pl.col("words").list.eval(codes)), on="passage").join(
        answers, on="trace_id"
    )
    overlap = pl.col("words").list.set_intersection("answer").list.len() / pl.col("words").list.len()
    return (
        words.with_columns((overlap.fill_nan(0.0) < USED_OVERLAP).alias("unused"))
        .group_by("trace_id")
        .agg(
            pl.col("chars").sum().alias("context_chars"),
            pl.col("chars").filter("unused").sum().alias("unused_chars"),
        )
    )


def context_buckets(day: dt.date, app_id: str, outcomes: pl.DataFrame, usage: pl.DataFrame) -> pl.DataFrame:
    """Per prompt version and context-length bucket: traces, groundedness pass rate, unused context.

    `usage` is `unused_chars(outcomes)`.
    """
    passed = next((c for c in GROUNDEDNESS if c in outcomes.columns), None)
    frame = outcomes.select(
        "trace_id", "prompt_version", (pl.col(passed) if passed else pl.lit(None, pl.Boolean)).alias("passed")
    )
    frame = frame.join(usage, on="trace_id").with_columns(
        (pl.col("context_chars") / 4).alias("tokens"),
        (pl.col("context_chars") / 4).cut(list(EDGES), labels=LABELS, left_closed=True).cast(pl.String).alias("bucket"),
    )  # fmt: skip
    aggs = [
        pl.len().alias("traces"), pl.col("tokens").mean().alias("mean_context_tokens"),
        pl.col("passed").count().alias("graded"), pl.col("passed").sum().alias("passes"),
        (pl.col("unused_chars").sum() / pl.col("context_chars").sum()).alias("unused_share"),
    ]  # fmt: skip
    rows = pl.concat([
        frame.group_by("prompt_version", "bucket").agg(aggs),
        frame.group_by("bucket").agg(aggs).with_columns(pl.lit("*").alias("prompt_version")),
    ], how="diagonal")  # fmt: skip
    low, high = wilson_interval(pl.col("passes"), pl.col("graded"))
    rows = rows.with_columns(
        pl.when(pl.col("graded") > 0).then(pl.col("passes") / pl.col("graded")).alias("pass_rate"),
        low.alias("ci_low"), high.alias("ci_high"),
        pl.col("bucket").replace_strict(LABELS, list(range(len(LABELS)))).alias("bucket_order"),
    )  # fmt: skip
    return stamp(rows, day, app_id, CONTEXT_SCHEMA).sort("prompt_version", "bucket_order")


def context_finding(outcomes: pl.DataFrame, usage: pl.DataFrame, alpha: float = 0.05) -> str | None:
    """One sentence: whether long contexts fail more often, or whether less context would do."""
    passed = next((c for c in GROUNDEDNESS if c in outcomes.columns), None)
    if passed is None or usage.height < 20:
        return None
    graded = outcomes.join(usage, on="trace_id").filter(pl.col(passed).is_not_null())
    long = pl.col("context_chars") > pl.col("context_chars").median()
    counts = graded.select(
        pl.col(passed).filter(~long).sum().alias("k_short"), (~long).sum().alias("n_short"),
        pl.col(passed).filter(long).sum().alias("k_long"), long.sum().alias("n_long"),
    ).row(0, named=True)  # fmt: skip
    rate_short = counts["k_short"] / max(counts["n_short"], 1)
    rate_long = counts["k_long"] / max(counts["n_long"], 1)
    test = two_proportion_z(counts["k_short"], counts["n_short"], counts["k_long"], counts["n_long"])
    unused = float(usage["unused_chars"].sum()) / max(float(usage["context_chars"].sum()), 1.0)
    compared = f"{rate_long:.1%} pass above the median context length vs {rate_short:.1%} at or below"
    if test.p_value < alpha and rate_long < rate_short:
        return f"long contexts fail more often: {compared} (p = {test.p_value:.3g}); {unused:.0%} of retrieved context goes unused"
    if unused >= 0.4 and not (test.p_value < alpha and rate_long > rate_short):
        return f"less context would do: {unused:.0%} of retrieved context is never used in the answer, and {compared}"
    return f"{unused:.0%} of retrieved context goes unused; {compared}"
