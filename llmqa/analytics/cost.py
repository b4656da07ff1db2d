"""Cost management: spend and tokens per prompt version × model, per successful answer, and token growth.

Token growth compares today's tokens per trace with the traffic-weighted mean of the
reference window's stored `tokens_per_trace` metric for the same segment: prompts that
quietly grow (longer system prompts, more retrieved context) show up here first.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.analytics.tables import stamp, usd
from llmqa.metrics import rollup

COST_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "prompt_version": pl.String(), "model": pl.String(),
        "traces": pl.Int64(), "successes": pl.Int64(), "cost_usd": pl.Float64(),
        "prompt_tokens": pl.Int64(), "completion_tokens": pl.Int64(), "cost_per_trace": pl.Float64(),
        "cost_per_success": pl.Float64(), "tokens_per_trace": pl.Float64(),
        "reference_tokens_per_trace": pl.Float64(), "token_growth": pl.Float64(),
    }
)  # fmt: skip
GROWTH_WORTH_SAYING = 0.1


def reference_tokens(history: pl.DataFrame) -> pl.DataFrame:
    """Traffic-weighted tokens per trace per segment over stored daily metrics of the reference window."""
    return (
        history.filter(pl.col("metric") == "tokens_per_trace")
        .group_by("prompt_version", "model")
        .agg(((pl.col("value") * pl.col("n")).sum() / pl.col("n").sum()).alias("reference_tokens_per_trace"))
    )


def cost_breakdown(
    day: dt.date, app_id: str, outcomes: pl.DataFrame, reference: pl.DataFrame
) -> pl.DataFrame:
    """Spend, tokens and cost per successful answer at every segment level, with token growth."""
    keys = ("prompt_version", "model")
    totals = rollup(
        outcomes,
        keys,
        [pl.len().alias("traces"), pl.col("success").sum().alias("successes"),
         pl.col("cost_usd").sum().alias("cost_usd"), pl.col("prompt_tokens").sum().alias("prompt_tokens"),
         pl.col("completion_tokens").sum().alias("completion_tokens"), pl.col("tokens").mean().alias("tokens_per_trace")],
    )  # fmt: skip
    frame = totals.join(reference, on=list(keys), how="left").with_columns(
        (pl.col("cost_usd") / pl.col("traces")).alias("cost_per_trace"),
        pl.when(pl.col("successes") > 0).then(pl.col("cost_usd") / pl.col("successes")).alias("cost_per_success"),
        (pl.col("tokens_per_trace") / pl.col("reference_tokens_per_trace") - 1).alias("token_growth"),
    )  # fmt: skip
    return stamp(frame, day, app_id, COST_SCHEMA).sort(keys)


def cost_findings(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """(prompt version, sentence): spend per successful answer, and token growth worth a look."""
    findings = []
    for row in frame.filter(pl.col("model") == "*").iter_rows(named=True):
        version = row["prompt_version"]
        where = "all versions" if version == "*" else version
        per_success = "no successful answer" if row["cost_per_success"] is None else (
            f"{usd(row['cost_per_success'])} per successful answer")  # fmt: skip
        findings.append(
            (version, f"{where}: {usd(row['cost_usd'])} over {row['traces']:,} traces, {per_success}")
        )
        growth = row["token_growth"]
        if growth is not None and abs(growth) >= GROWTH_WORTH_SAYING:
            findings.append((version, (
                f"{where}: {row['tokens_per_trace']:,.0f} tokens per trace, {abs(growth):.0%} "
                f"{'more' if growth > 0 else 'fewer'} than the reference window "
                f"({row['reference_tokens_per_trace']:,.0f})")))  # fmt: skip
    return findings
