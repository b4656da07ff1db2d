"""Noise control: which checks become messages, which repeat quietly, and which conditions recovered.

A condition is (prompt version, rule subject): the warning and critical rules on one metric
form one condition. It is notified on the first day it fires; while it keeps firing on
consecutive days it is `suppressed`, until `renotify_days` have passed since the last
notification or its severity is higher than the day before. A condition that fired the day
before and is judged healthy today (with enough data) gets one recovery message.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import polars as pl

from llmqa.alerts.check import Check
from llmqa.alerts.schema import ALERTS_SCHEMA, SEVERITY_RANK, alert_key
from llmqa.alerts.settings import DEFAULT_CHANNEL


def _row(day: dt.date, app_id: str, check: Check, **fields: Any) -> dict[str, Any]:
    base = {
        "day": day, "app_id": app_id, "prompt_version": check.prompt_version, "kind": "alert",
        "rule": check.rule.name, "subject": check.rule.subject, "severity": check.rule.severity,
        "metric": check.metric, "value": check.value, "threshold": check.threshold,
        "reference": check.reference, "n": check.n, "message": check.message, "evidence": None,
        "channel": check.rule.channel or DEFAULT_CHANNEL, "notified_on": None, "attempts": 0,
        "last_error": None, "sent_at": None,
    }  # fmt: skip
    row = base | fields
    name = str(row["rule"] if row["kind"] == "alert" else f"recovered {row['subject']}")
    return row | {"alert_key": alert_key(day.isoformat(), app_id, check.prompt_version, name)}


def _yesterday(previous: pl.DataFrame) -> dict[tuple[str, str], tuple[int, dt.date]]:
    """Per condition that fired the day before: its highest severity and its last notification day."""
    grouped = previous.group_by("prompt_version", "subject").agg(
        pl.col("severity").replace_strict(SEVERITY_RANK, return_dtype=pl.Int64).max().alias("rank"),
        pl.col("notified_on").max(),
    )
    return {(r[0], r[1]): (r[2], r[3]) for r in grouped.iter_rows()}


def outbox_rows(
    day: dt.date,
    app_id: str,
    checks: list[Check],
    previous: pl.DataFrame,
    renotify_days: int,
    explain: Callable[[Check], dict[str, Any]],
) -> pl.DataFrame:
    """The day's outbox rows for one app: alerts to send or suppress, recoveries, and 'not enough data'."""
    before = _yesterday(previous)
    conditions: dict[tuple[str, str], list[Check]] = {}
    for check in checks:
        conditions.setdefault((check.prompt_version, check.rule.subject), []).append(check)
    rows = []
    for condition, group in conditions.items():
        firing = [c for c in group if c.outcome == "firing"]
        rows += [
            _row(day, app_id, c, status="not_enough_data") for c in group if c.outcome == "not_enough_data"
        ]
        if firing:
            rank = max(SEVERITY_RANK[c.rule.severity] for c in firing)
            last = before.get(condition)
            repeat = last is not None and last[1] is not None and (day - last[1]).days < renotify_days
            quiet = repeat and last is not None and rank <= last[0]
            notified_on = last[1] if quiet and last is not None else day
            rows += [_row(day, app_id, c, status="suppressed" if quiet else "pending", notified_on=notified_on,
                          evidence=json.dumps(explain(c), sort_keys=True)) for c in firing]  # fmt: skip
        elif condition in before and group and all(c.outcome == "ok" for c in group):
            healthy = group[0]
            message = f"recovered: {healthy.message}"
            rows.append(_row(day, app_id, healthy, kind="recovery", severity="info", status="pending",
                             message=message))  # fmt: skip
    return pl.DataFrame(rows, schema=ALERTS_SCHEMA) if rows else pl.DataFrame(schema=ALERTS_SCHEMA)
