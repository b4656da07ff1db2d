"""The tables of an app × prompt version page: evaluators, drift and A/B results, cost and usage."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import polars as pl

from llmqa.metrics import ALL
from llmqa.report.tiles import Tile
from llmqa.report.verdict import DRIFTED

TOP_TERMS = 10
COST_METRICS = ["traces", "cost_usd", "cost_per_trace", "tokens_per_trace", "latency_p95_ms"]


@dataclass(frozen=True)
class EvaluatorRow:
    """An evaluator's pass rate today with its interval and change, and its most common failure reasons."""

    tile: Tile
    reasons: list[tuple[str, int]]


def evaluator_rows(pass_rates: list[Tile], reasons: pl.DataFrame, version: str) -> list[EvaluatorRow]:
    """One row per evaluator; reasons are the top ones stored for this prompt version."""
    mine = reasons.filter(pl.col("prompt_version") == version)
    rows = []
    for tile in pass_rates:
        evaluator = tile.metric.split(".", 1)[1]
        found = mine.filter(pl.col("evaluator") == evaluator).select(pl.col("reason").fill_null("–"), "n")
        rows.append(EvaluatorRow(tile, [(str(r), int(n)) for r, n in found.iter_rows()]))
    return rows


def _terms(detail: str | None) -> dict[str, list[str]]:
    """The separating terms in a drift row's `detail` JSON: `top_terms`, and `terms_up`/`terms_down`."""
    try:
        parsed = json.loads(detail or "{}")
    except ValueError:
        return {}
    if not isinstance(parsed, dict):
        return {}
    found = {}
    for key, title in (("top_terms", "separating terms"), ("terms_up", "more frequent today"),
                       ("terms_down", "less frequent today")):  # fmt: skip
        terms = parsed.get(key)
        if isinstance(terms, list) and terms:
            found[title] = [str(t[0] if isinstance(t, list | tuple) and t else t) for t in terms[:TOP_TERMS]]
    return found


def drift_rows(drift: pl.DataFrame, version: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """This version's drift and A/B rows: (those that drifted, the rest), most significant first."""
    mine = drift.filter(pl.col("prompt_version") == version).sort(
        "p_adjusted", "effect_size", "comparison", "feature", "test", nulls_last=True
    )
    rows = [row | {"terms": _terms(row["detail"])} for row in mine.iter_rows(named=True)]
    return [r for r in rows if r["verdict"] == DRIFTED], [r for r in rows if r["verdict"] != DRIFTED]


def cost_rows(metrics: pl.DataFrame, successes: pl.DataFrame, version: str) -> list[dict[str, Any]]:
    """Per model (then all models): traces, cost, tokens, latency and cost per successful answer."""
    mine = metrics.filter((pl.col("prompt_version") == version) & pl.col("metric").is_in(COST_METRICS))
    if mine.height == 0:
        return []
    wide = mine.pivot(on="metric", index="model", values="value")
    wide = wide.with_columns(pl.lit(None, pl.Float64).alias(m) for m in COST_METRICS if m not in wide.columns)
    ok = successes.filter(pl.col("prompt_version") == version).select(
        "model", pl.col("n").alias("successful")
    )
    ok = pl.concat([ok, ok.select(pl.lit(ALL).alias("model"), pl.col("successful").sum())])
    return (
        wide.join(ok, on="model", how="left")
        .with_columns(
            pl.col("successful").fill_null(0),
            pl.when(pl.col("successful") > 0)
            .then(pl.col("cost_usd") / pl.col("successful"))
            .alias("cost_per_success"),
        )
        .sort(pl.col("model") == ALL, "model")
        .to_dicts()
    )
