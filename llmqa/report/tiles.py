"""Headline tiles: a metric's value today, its change against the reference window and the interval, as text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from llmqa.metrics import PASS_RATE_PREFIX
from llmqa.report.units import fmt, fmt_range, label
from llmqa.report.verdict import State

HEADLINE = ("traces", "thumbs_down_rate", "error_rate", "latency_p50_ms", "latency_p95_ms",
            "tokens_per_trace", "cost_usd", "cost_per_trace")  # fmt: skip


@dataclass(frozen=True)
class Tile:
    """One metric as a reader sees it; `state` colours it by the app's alert rules."""

    metric: str
    label: str
    value: str
    interval: str
    change: str
    change_interval: str
    reference: str
    state: State
    rule: str
    n: int | None


def _signed(value: float, rate: bool) -> str:
    text = f"{value * 100:+.1f}" if rate else f"{value:+.0%}"
    return text.replace("-", "−")


def _tile(row: dict[str, Any], states: dict[str, tuple[State, str]]) -> Tile:
    metric, rate = row["metric"], row["rate"]
    state, rule = states.get(metric, ("unwatched", ""))
    if rate and row["ci_low"] is not None:
        interval = f"95% CI {fmt_range(metric, row['ci_low'], row['ci_high'])}"
    elif row["usual_low"] is not None:
        interval = f"usual {fmt_range(metric, max(row['usual_low'], 0.0), row['usual_high'])}"
    else:
        interval = ""
    change = change_interval = reference = ""
    if row["change"] is not None:
        change = _signed(row["change"], rate) + (" pp" if rate else "")
        days = row["reference_days"]
        reference = f"ref {fmt(metric, row['reference'])} ({days} day{'s' if days != 1 else ''})"
    if row["change_low"] is not None:
        change_interval = f"{_signed(row['change_low'], True)} to {_signed(row['change_high'], True)}"
    return Tile(metric, label(metric), fmt(metric, row["value"]), interval, change, change_interval,
                reference, state, rule, row["n"])  # fmt: skip


def tiles(compared: pl.DataFrame, states: dict[str, tuple[State, str]], metrics: list[str]) -> list[Tile]:
    """Tiles for `metrics` (in that order) that have a value in `compared`."""
    by_metric = {row["metric"]: row for row in compared.iter_rows(named=True)}
    return [_tile(by_metric[m], states) for m in metrics if m in by_metric]


def headline_metrics(compared: pl.DataFrame) -> list[str]:
    """Traffic first, then every evaluator's pass rate, then the user, latency, token and cost metrics."""
    pass_rates = sorted(m for m in compared["metric"] if m.startswith(PASS_RATE_PREFIX))
    return [HEADLINE[0], *pass_rates, *HEADLINE[1:]]
