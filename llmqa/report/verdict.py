"""The verdict of an app × prompt version on a day, and the alert state of each metric, from the app's rules."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

import polars as pl

from llmqa.config import AppConfig
from llmqa.report.units import fmt, label

Verdict = Literal["failing", "watch", "healthy"]
State = Literal["critical", "warning", "ok", "unwatched"]
VERDICT_ORDER: dict[str, int] = {"failing": 0, "watch": 1, "healthy": 2}
DRIFTED = "drift"


class Judgement(NamedTuple):
    """A verdict and the reason a reader sees next to it."""

    verdict: Verdict
    reason: str


def fired(alerts: pl.DataFrame, version: str) -> pl.DataFrame:
    """The alerts of one prompt version that fired (not recoveries, nor rules skipped for lack of data)."""
    return alerts.filter(
        (pl.col("prompt_version") == version)
        & (pl.col("kind") == "alert")
        & (pl.col("status") != "not_enough_data")
    )


def finding(alert: dict[str, Any]) -> str:
    """An alert as a sentence: "groundedness pass rate 62.7% (alert if < 90.0%) on 569 traces"."""
    metric, op = alert["metric"], alert["rule"].split(" ")[-2]
    if alert["status"] == "not_enough_data":
        return f"{label(metric)}: not checked, {alert['n']:,} traces are too few"
    return (f"{label(metric)} {fmt(metric, alert['value'])} (alert if {op} {fmt(metric, alert['threshold'])})"
            f" on {alert['n']:,} traces")  # fmt: skip


def judge(alerts: pl.DataFrame, drift: pl.DataFrame, version: str) -> Judgement:
    """failing: a critical rule fired; watch: a warning fired or an input drifted; healthy otherwise."""
    firing = fired(alerts, version).sort("severity", "metric")
    critical = firing.filter(pl.col("severity") == "critical")
    if critical.height:
        return Judgement("failing", "; ".join(map(finding, critical.iter_rows(named=True))))
    if firing.height:
        return Judgement("watch", "; ".join(map(finding, firing.iter_rows(named=True))))
    drifted = drift.filter((pl.col("prompt_version") == version) & (pl.col("verdict") == DRIFTED))
    if drifted.height:
        features = ", ".join(sorted(set(drifted["feature"])))
        return Judgement("watch", f"no alert rule fired; drift in {features}")
    return Judgement("healthy", "no alert rule fired, no drift")


def metric_states(app: AppConfig, alerts: pl.DataFrame, version: str) -> dict[str, tuple[State, str]]:
    """For each metric a threshold rule watches on this version: its state and the rule(s), as text."""
    severities = dict(
        fired(alerts, version).sort("severity", descending=True).select("metric", "severity").iter_rows()
    )
    states: dict[str, tuple[State, str]] = {}
    for rule in app.alerts:
        if rule.kind != "threshold" or rule.prompt_version not in (None, version):
            continue
        _, earlier = states.get(rule.metric, ("ok", ""))
        limit = f"{rule.op} {fmt(rule.metric, rule.value)}"
        rules = f"{earlier}, {limit}" if earlier else f"alert if {limit}"
        state: State = severities.get(rule.metric, "ok")
        states[rule.metric] = (state, rules)
    return states
