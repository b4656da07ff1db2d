"""Prompt versions against each other on the same day's real traffic, with significance and power.

For every pair of versions that served traffic on the day, each rate (task outcomes,
evaluator pass rates, errors, thumbs-down) gets a two-proportion z test and each value
(latency, cost) a Mann-Whitney U test; p-values are Holm-adjusted over the app-day. A row
also says how many traces per version the observed difference needs before a test at
`alpha` with `power` would call it: the minimum traffic for a verdict. `difference` is
b − a for rates and (b − a) / a for values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from itertools import combinations

import polars as pl

from llmqa.analytics import stats
from llmqa.analytics.outcomes import VALUE_OUTCOMES, rate_columns

AB_SCHEMA = pl.Schema(
    {
        "day": pl.Date(), "app_id": pl.String(), "version_a": pl.String(), "version_b": pl.String(),
        "metric": pl.String(), "test": pl.String(), "n_a": pl.Int64(), "n_b": pl.Int64(),
        "value_a": pl.Float64(), "value_b": pl.Float64(), "difference": pl.Float64(),
        "statistic": pl.Float64(), "p_value": pl.Float64(), "p_adjusted": pl.Float64(),
        "min_n_per_version": pl.Int64(), "verdict": pl.String(),
    }
)  # fmt: skip


def natural_key(name: str) -> list[int | str]:
    """Sort key under which v9 comes before v10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _rate_counts(outcomes: pl.DataFrame, metrics: list[str]) -> dict[tuple[str, str], tuple[int, int]]:
    """(version, metric) -> (successes, graded traces), every rate counted in one pass."""
    counts = outcomes.group_by("prompt_version").agg(
        *[pl.col(m).sum().cast(pl.Int64).alias(f"k:{m}") for m in metrics],
        *[pl.col(m).count().alias(f"n:{m}") for m in metrics],
    )
    return {
        (row["prompt_version"], m): (row[f"k:{m}"], row[f"n:{m}"])
        for row in counts.iter_rows(named=True)
        for m in metrics
    }


def _rate_row(
    counts: dict[tuple[str, str], tuple[int, int]], metric: str, a: str, b: str, alpha: float, power: float
) -> dict:
    (k_a, n_a), (k_b, n_b) = counts[a, metric], counts[b, metric]
    p_a, p_b = (k_a / n_a if n_a else math.nan), (k_b / n_b if n_b else math.nan)
    test = stats.two_proportion_z(k_a, n_a, k_b, n_b)
    needed = stats.proportion_sample_size(p_a, p_b, alpha=alpha, power=power) if n_a and n_b else None
    return {"metric": metric, "test": "two-proportion z", "n_a": n_a, "n_b": n_b, "value_a": p_a,
            "value_b": p_b, "difference": p_b - p_a, "statistic": test.statistic, "p_value": test.p_value,
            "min_n_per_version": needed}  # fmt: skip


def _value_row(outcomes: pl.DataFrame, metric: str, a: str, b: str, alpha: float, power: float) -> dict:
    values = {
        v: outcomes.filter((pl.col("prompt_version") == v) & pl.col(metric).is_not_null())[metric].to_numpy()
        for v in (a, b)
    }
    x, y = values[a], values[b]
    test = stats.mann_whitney(x, y)
    mean_a, mean_b = (float(x.mean()) if len(x) else math.nan), (float(y.mean()) if len(y) else math.nan)
    sd = math.sqrt((x.var(ddof=1) + y.var(ddof=1)) / 2) if len(x) > 1 and len(y) > 1 else math.nan
    needed = stats.shift_sample_size(mean_b - mean_a, sd, alpha=alpha, power=power)
    return {"metric": metric, "test": "Mann-Whitney U", "n_a": len(x), "n_b": len(y), "value_a": mean_a,
            "value_b": mean_b, "difference": (mean_b - mean_a) / mean_a if mean_a else math.nan,
            "statistic": test.statistic, "p_value": test.p_value, "min_n_per_version": needed}  # fmt: skip


def _verdict(row: dict, alpha: float) -> str:
    if math.isnan(row["p_adjusted"]):
        return "not enough data"
    if row["p_adjusted"] >= alpha:
        return "no significant difference"
    return f"{row['version_b']} {'higher' if row['difference'] > 0 else 'lower'}"


def ab_tests(
    day: dt.date, app_id: str, outcomes: pl.DataFrame, *, alpha: float = 0.05, power: float = 0.8
) -> pl.DataFrame:
    """One row per pair of same-day prompt versions × outcome; empty when one version served."""
    versions = sorted(outcomes["prompt_version"].unique().to_list(), key=natural_key)
    rates = rate_columns(outcomes)
    counts = _rate_counts(outcomes, rates)
    rows = []
    for a, b in combinations(versions, 2):
        rows += [_rate_row(counts, m, a, b, alpha, power) | {"version_a": a, "version_b": b}
                 for m in rates]  # fmt: skip
        rows += [_value_row(outcomes, m, a, b, alpha, power) | {"version_a": a, "version_b": b}
                 for m in VALUE_OUTCOMES]  # fmt: skip
    for row, adjusted in zip(rows, stats.holm([r["p_value"] for r in rows]), strict=True):
        row |= {"p_adjusted": adjusted, "day": day, "app_id": app_id}
        row["verdict"] = _verdict(row, alpha)
    frame = pl.DataFrame(rows, schema=AB_SCHEMA, strict=False) if rows else pl.DataFrame(schema=AB_SCHEMA)
    return frame.with_columns(pl.col(pl.Float64).fill_nan(None))


def _label(metric: str) -> str:
    names = {"latency_ms": "latency", "cost_usd": "cost per trace"}
    if metric.startswith("pass_rate."):
        return f"{metric.removeprefix('pass_rate.')} pass rate"
    return names.get(metric, metric.removeprefix("task."))


def _p(value: float) -> str:
    return "p < 0.001" if value < 0.001 else f"p = {value:.3f}"


def _change(row: dict) -> str:
    size = (
        f"{abs(row['difference']) * 100:.1f} points"
        if row["test"] != "Mann-Whitney U"
        else f"{abs(row['difference']):.0%}"
    )
    return f"{_label(row['metric'])} {size} {'higher' if row['difference'] > 0 else 'lower'}"


def ab_findings(frame: pl.DataFrame, alpha: float = 0.05) -> list[str]:
    """A plain sentence per version pair: what differs significantly, or the traffic still needed."""
    findings = []
    for (a, b), pair in frame.group_by(["version_a", "version_b"], maintain_order=True):
        rows = pair.to_dicts()
        significant = [r for r in rows if r["p_adjusted"] is not None and r["p_adjusted"] < alpha]
        if significant:
            parts = [f"{_change(r)} ({_p(r['p_adjusted'])})" for r in significant]
            findings.append(f"{b} vs {a}: " + "; ".join(parts))
            continue
        pending = [r for r in rows if r["min_n_per_version"] is not None]
        if not pending:
            findings.append(f"{b} vs {a}: no difference in any outcome")
            continue
        first = pending[0]
        findings.append(
            f"{b} vs {a}: no significant difference yet; the observed {_change(first)} needs about "
            f"{first['min_n_per_version']:,} traces per version (has {first['n_a']:,} and {first['n_b']:,})"
        )
    return findings
