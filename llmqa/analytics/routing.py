"""Routing candidates: simple requests served by an expensive model that a cheaper one handles as well.

A request is simple when its input is short. Evidence comes from the same app-day: the
share of successful answers (no error, no evaluator failed) among simple requests that a
cheaper model served. Where that share is no more than `max_pass_rate_drop` below the
expensive model's own on its simple requests, with `min_traces` on both sides, the simple
requests of the expensive model are candidates, and the saving is their token counts
priced at the cheaper model (prices per 1k tokens from the config).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.analytics.settings import ModelPrice, RoutingConfig
from llmqa.analytics.tables import stamp, usd

ROUTING_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "prompt_version": pl.String(), "model": pl.String(),
        "simple_traces": pl.Int64(), "pass_rate": pl.Float64(), "cheaper_model": pl.String(),
        "cheaper_pass_rate": pl.Float64(), "cheaper_traces": pl.Int64(), "cost_usd": pl.Float64(),
        "cost_on_cheaper_usd": pl.Float64(), "savings_usd": pl.Float64(),
    }
)  # fmt: skip


def _prices(prices: dict[str, ModelPrice]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"cheaper_model": m, "usd_prompt": p.prompt, "usd_completion": p.completion} for m, p in prices.items()],
        schema={"cheaper_model": pl.String, "usd_prompt": pl.Float64, "usd_completion": pl.Float64},
    )  # fmt: skip


def routing_candidates(
    day: dt.date, app_id: str, outcomes: pl.DataFrame, prices: dict[str, ModelPrice], cfg: RoutingConfig
) -> pl.DataFrame:
    """One row per prompt version × model whose simple requests a cheaper model could serve."""
    simple = outcomes.filter(pl.col("input").str.len_chars() <= cfg.simple_max_input_chars)
    served = simple.group_by("prompt_version", "model").agg(
        pl.len().alias("simple_traces"), pl.col("success").mean().alias("pass_rate"),
        pl.col("cost_usd").sum(), pl.col("prompt_tokens").sum(), pl.col("completion_tokens").sum(),
    )  # fmt: skip
    evidence = simple.group_by(pl.col("model").alias("cheaper_model")).agg(
        pl.col("success").mean().alias("cheaper_pass_rate"), pl.len().alias("cheaper_traces")
    ).join(_prices(prices), on="cheaper_model")  # fmt: skip
    on_cheaper = pl.col("prompt_tokens") / 1000 * pl.col("usd_prompt") + pl.col(
        "completion_tokens"
    ) / 1000 * pl.col("usd_completion")
    candidates = (
        served.filter(pl.col("model").is_in(list(prices)) & (pl.col("simple_traces") >= cfg.min_traces))
        .join(evidence, how="cross")
        .with_columns(on_cheaper.alias("cost_on_cheaper_usd"))
        .filter(
            (pl.col("cheaper_model") != pl.col("model"))
            & (pl.col("cheaper_traces") >= cfg.min_traces)
            & (pl.col("cheaper_pass_rate") >= pl.col("pass_rate") - cfg.max_pass_rate_drop)
            & (pl.col("cost_on_cheaper_usd") < pl.col("cost_usd"))
        )
        .sort("cost_on_cheaper_usd", "cheaper_model")
        .group_by("prompt_version", "model", maintain_order=True)
        .first()
    )
    savings = (pl.col("cost_usd") - pl.col("cost_on_cheaper_usd")).alias("savings_usd")
    return stamp(candidates.with_columns(savings), day, app_id, ROUTING_SCHEMA).sort(
        "prompt_version", "model"
    )


def routing_findings(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """(prompt version, sentence) per routing candidate with its estimated saving."""
    return [
        (row["prompt_version"], (
            f"{row['simple_traces']:,} short requests went to {row['model']} ({row['pass_rate']:.1%} good); "
            f"{row['cheaper_model']} answers short requests {row['cheaper_pass_rate']:.1%} good: routing them "
            f"there would have saved {usd(row['savings_usd'])} of {usd(row['cost_usd'])}"))
        for row in frame.iter_rows(named=True)
    ]  # fmt: skip
