"""Repeated questions: exact repeats after normalisation, near repeats by MinHash, and what a cache saves.

A trace is an exact repeat when its normalised input (lower case, punctuation dropped,
spaces folded) was asked earlier the same day under the same prompt version; a near
repeat when it is not exact but the Jaccard similarity of its word bigrams to an earlier
question's is at least the threshold, estimated by MinHash (NUM_HASHES seeded hashes)
with locality-sensitive banding to find the earlier question. Bigrams keep "the Pro
plan" apart from "the Team plan" while "please" at the end barely moves the score.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.analytics.tables import stamp, usd

NUM_HASHES, BANDS = 64, 16
REPEATS_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "prompt_version": pl.String(), "traces": pl.Int64(),
        "exact_repeats": pl.Int64(), "near_repeats": pl.Int64(), "repeat_share": pl.Float64(),
        "exact_cache_savings_usd": pl.Float64(), "semantic_cache_savings_usd": pl.Float64(),
    }
)  # fmt: skip


def normalise(text: pl.Expr) -> pl.Expr:
    """Lower case, punctuation to spaces, runs of spaces folded."""
    return text.str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()


def _signatures(questions: pl.Series) -> pl.DataFrame:
    """(norm, h0..h{NUM_HASHES-1}): the MinHash signature of each distinct question's word bigrams."""
    words = (
        questions.unique().to_frame("norm")
        .with_columns(pl.col("norm").str.split(" ").alias("word"))
        .with_columns(pl.col("word").list.len().alias("words"))
        .explode("word")
    )  # fmt: skip
    same_question = pl.col("norm").shift(-1) == pl.col("norm")
    shingles = words.select(
        "norm", pl.when(same_question).then(pl.col("word") + " " + pl.col("word").shift(-1))
        .when(pl.col("words") == 1).then(pl.col("word")).alias("shingle"),
    ).drop_nulls()  # fmt: skip
    return shingles.group_by("norm").agg(
        pl.col("shingle").hash(seed=i).min().alias(f"h{i}") for i in range(NUM_HASHES)
    )


def flag_repeats(traces: pl.DataFrame, threshold: float) -> pl.DataFrame:
    """trace_id, exact_repeat, near_repeat: each trace against the questions asked before it."""
    rows = (
        traces.sort("ts", "trace_id")
        .select(
            pl.int_range(pl.len()).alias("row"),
            "trace_id",
            "prompt_version",
            normalise(pl.col("input")).alias("norm"),
        )
        .filter(pl.col("norm").str.len_chars() > 0)
    )
    rows = rows.with_columns(
        (pl.col("row").min().over("prompt_version", "norm") < pl.col("row")).alias("exact_repeat")
    )
    # An exact repeat is never a near repeat, nor the earliest row of a band bucket (its first
    # occurrence has the same signature and comes before it): only first occurrences need a signature.
    first_asked = rows.filter(~pl.col("exact_repeat")).select("row", "prompt_version", "norm")
    signatures = first_asked.join(_signatures(first_asked["norm"]), on="norm").drop("norm")
    width = NUM_HASHES // BANDS
    firsts = []
    for band in range(BANDS):
        key = pl.struct([f"h{i}" for i in range(band * width, (band + 1) * width)]).hash()
        firsts.append(
            signatures.select("row", pl.col("row").min().over("prompt_version", key).alias("earlier"))
        )
    candidates = pl.concat(firsts).filter(pl.col("earlier") < pl.col("row")).unique()
    hashes = [f"h{i}" for i in range(NUM_HASHES)]
    similar = (
        candidates.join(signatures, on="row")
        .join(signatures.select(pl.col("row").alias("earlier"), *[pl.col(h).alias(f"{h}_e") for h in hashes]), on="earlier")
        .with_columns((pl.sum_horizontal([pl.col(h) == pl.col(f"{h}_e") for h in hashes]) / NUM_HASHES).alias("similarity"))
        .filter(pl.col("similarity") >= threshold)
        .select("row").unique()
        .with_columns(pl.lit(True).alias("near"))
    )  # fmt: skip
    flagged = rows.join(similar, on="row", how="left").select(
        "trace_id", "exact_repeat", (pl.col("near").fill_null(False) & ~pl.col("exact_repeat")).alias("near_repeat")
    )  # fmt: skip
    return traces.select("trace_id").join(flagged, on="trace_id", how="left").fill_null(False)


def repeat_summary(day: dt.date, app_id: str, outcomes: pl.DataFrame, threshold: float) -> pl.DataFrame:
    """Repeat counts and the spend an exact-match or a semantic cache would have saved, per version."""
    flagged = outcomes.join(flag_repeats(outcomes, threshold), on="trace_id")
    aggs = [
        pl.len().alias("traces"),
        pl.col("exact_repeat").sum().alias("exact_repeats"),
        pl.col("near_repeat").sum().alias("near_repeats"),
        pl.col("cost_usd").filter("exact_repeat").sum().alias("exact_cache_savings_usd"),
        pl.col("cost_usd").filter(pl.col("exact_repeat") | pl.col("near_repeat")).sum().alias("semantic_cache_savings_usd"),
    ]  # fmt: skip
    frame = pl.concat([
        flagged.group_by("prompt_version").agg(aggs),
        flagged.select(pl.lit("*").alias("prompt_version"), *aggs),
    ])  # fmt: skip
    share = (pl.col("exact_repeats") + pl.col("near_repeats")) / pl.col("traces")
    return stamp(frame.with_columns(share.alias("repeat_share")), day, app_id, REPEATS_SCHEMA).sort(
        "prompt_version"
    )


def repeat_findings(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """(prompt version, sentence) on the share of repeated questions and the savings of a cache."""
    return [
        (row["prompt_version"], (
            f"{row['repeat_share']:.1%} of questions repeat an earlier one ({row['exact_repeats']:,} exact, "
            f"{row['near_repeats']:,} near): a semantic cache would have saved {usd(row['semantic_cache_savings_usd'])} "
            f"(exact-match cache {usd(row['exact_cache_savings_usd'])})"))
        for row in frame.filter(pl.col("traces") > 0).iter_rows(named=True)
    ]  # fmt: skip
