"""Threshold rules: which of an app's alert rules fire on the day's metrics."""

from __future__ import annotations

import datetime as dt
import operator

import polars as pl

from llmqa.config import AlertRule, AppConfig
from llmqa.metrics import ALL

ALERTS_SCHEMA = pl.Schema(
    {
        "alert_key": pl.String(),
        "day": pl.Date(),
        "app_id": pl.String(),
        "prompt_version": pl.String(),
        "rule": pl.String(),
        "severity": pl.String(),
        "metric": pl.String(),
        "value": pl.Float64(),
        "threshold": pl.Float64(),
        "n": pl.Int64(),
        "message": pl.String(),
        "channel": pl.String(),
        "status": pl.String(),
        "attempts": pl.Int64(),
        "last_error": pl.String(),
    }
)
COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def alert_key(day: dt.date, app_id: str, prompt_version: str, rule: AlertRule) -> str:
    """The deterministic identity of an alert: the same condition on the same day has one key."""
    return f"{day.isoformat()}|{app_id}|{prompt_version}|{rule.name}"


def evaluate_rules(
    day: dt.date, app_id: str, app: AppConfig, metrics: pl.DataFrame, default_channel: str | None
) -> pl.DataFrame:
    """One row per rule × prompt version: 'pending' when it fires, 'not_enough_data' when n is short."""
    rows = []
    per_version = metrics.filter((pl.col("model") == ALL) & (pl.col("prompt_version") != ALL))
    for rule in app.alerts:
        matching = per_version.filter(pl.col("metric") == rule.metric)
        if rule.prompt_version is not None:
            matching = matching.filter(pl.col("prompt_version") == rule.prompt_version)
        for row in matching.iter_rows(named=True):
            value, n = row["value"], row["n"] or 0
            if n < rule.min_traces:
                status = "not_enough_data"
                message = f"{rule.metric}: not enough traces ({n} < {rule.min_traces})"
            elif value is not None and COMPARE[rule.op](value, rule.value):
                status = "pending"
                message = f"{rule.metric} = {value:.4g} ({rule.op} {rule.value:g}) on {n} traces"
            else:
                continue
            rows.append({
                "alert_key": alert_key(day, app_id, row["prompt_version"], rule), "day": day,
                "app_id": app_id, "prompt_version": row["prompt_version"], "rule": rule.name,
                "severity": rule.severity, "metric": rule.metric, "value": value,
                "threshold": rule.value, "n": n, "message": message,
                "channel": rule.channel or default_channel, "status": status, "attempts": 0,
                "last_error": None,
            })  # fmt: skip
    return pl.DataFrame(rows, schema=ALERTS_SCHEMA)
