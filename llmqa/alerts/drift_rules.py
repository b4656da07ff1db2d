"""Drift rules: fire on `drift` verdicts of the statistics stage (table llmqa_drift)."""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from llmqa.alerts.check import Check
from llmqa.alerts.settings import AlertRule
from llmqa.metrics import ALL

TOPIC_FEATURE = "input"  # its separating terms name the topics users moved to


def drift_terms(detail: str | None) -> list[str]:
    """The terms a text drift test names as over-represented today (`top_terms` or `terms_up`)."""
    try:
        parsed: Any = json.loads(detail or "{}")
    except json.JSONDecodeError:
        return []
    if not isinstance(parsed, dict):
        return []
    terms = parsed.get("top_terms") or parsed.get("terms_up") or []
    return [str(term) for term in terms][:8]


def _describe(row: dict[str, Any]) -> str:
    p = "" if row["p_adjusted"] is None else f", p_adj {row['p_adjusted']:.2g}"
    effect = "n/a" if row["effect_size"] is None else f"{row['effect_size']:.3g}"
    return f"{row['feature']} ({row['test']}, {row['comparison']}: effect {effect}{p})"


def drift_checks(rule: AlertRule, drift: pl.DataFrame) -> list[Check]:
    """One check per prompt version (or `*` for the whole app) that has results for the rule."""
    assert rule.drift is not None
    spec = rule.drift
    rows = drift.filter(pl.col("comparison").str.split(":").list.first().is_in(list(spec.comparisons)))
    if spec.feature is not None:
        rows = rows.filter(pl.col("feature") == spec.feature)
    if rule.prompt_version is not None:
        rows = rows.filter(pl.col("prompt_version") == rule.prompt_version)
    if rows.height == 0:
        version = rule.prompt_version or ALL
        message = f"drift {spec.label}: no drift results for this day"
        return [Check(rule, version, "not_enough_data", message, f"drift:{spec.label}")]
    checks = []
    for (version,), group in rows.sort("prompt_version").group_by(["prompt_version"], maintain_order=True):
        drifting = group.filter(pl.col("verdict") == "drift").sort("effect_size", descending=True)
        metric, n = f"drift:{spec.label}", int(group.select(pl.col("n_current").max().fill_null(0)).item())
        if drifting.height:
            top = drifting.row(0, named=True)
            terms = [t for r in drifting.filter(pl.col("feature") == TOPIC_FEATURE).iter_rows(named=True)
                     for t in drift_terms(r["detail"])]  # fmt: skip
            features = sorted(set(drifting["feature"].to_list()))
            message = "drift in " + "; ".join(_describe(r) for r in drifting.head(4).iter_rows(named=True))
            facts = {"features": features, "terms": list(dict.fromkeys(terms))[:8]}
            checks.append(Check(rule, str(version), "firing", message, metric, top["effect_size"],
                                top["threshold"], None, n, facts))  # fmt: skip
        elif (group["verdict"] == "not_enough_data").all():
            message = f"drift {spec.label}: not enough traces for the drift tests"
            checks.append(Check(rule, str(version), "not_enough_data", message, metric, n=n))
        else:
            checks.append(Check(rule, str(version), "ok", f"no drift in {spec.label}", metric, n=n))
    return checks
