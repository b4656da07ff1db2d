"""Noise control: a condition is notified once, repeats quietly, re-notifies, and recovers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from llmqa.alerts.settings import AlertRule, SlackConfig
from llmqa.alerts.stage import plan_alerts
from tests.alert_support import inputs, metric_rows
from tests.conftest import DAY

WARN = AlertRule(metric="pass_rate.groundedness", op="<", value=0.9, min_traces=100, severity="warning")
CRIT = AlertRule(metric="pass_rate.groundedness", op="<", value=0.8, min_traces=100, severity="critical")
SLACK = SlackConfig(renotify_days=3)


def _plan(
    value: float, previous: list[dict[str, Any]], n: int = 500, rules: list[AlertRule] | None = None
) -> pl.DataFrame:
    today = metric_rows((DAY, "v1", "pass_rate.groundedness", value, n), (DAY, "v1", "traces", n, n))
    return plan_alerts(DAY, "a", rules or [WARN], SLACK, inputs(today=today, previous=previous))


def _fired(notified_days_ago: int, severity: str = "warning") -> dict[str, Any]:
    return {"prompt_version": "v1", "subject": "pass_rate.groundedness", "severity": severity,
            "notified_on": DAY - dt.timedelta(days=notified_days_ago)}  # fmt: skip


def test_a_new_condition_is_notified() -> None:
    alerts = _plan(0.85, previous=[])
    assert alerts.select("kind", "status", "notified_on").rows() == [("alert", "pending", DAY)]


def test_a_condition_still_firing_the_next_day_is_suppressed() -> None:
    alerts = _plan(0.85, previous=[_fired(notified_days_ago=1)])
    assert alerts["status"].to_list() == ["suppressed"]
    assert alerts["notified_on"].to_list() == [DAY - dt.timedelta(days=1)]


def test_a_condition_is_notified_again_after_renotify_days() -> None:
    alerts = _plan(0.85, previous=[_fired(notified_days_ago=SLACK.renotify_days)])
    assert alerts["status"].to_list() == ["pending"]


def test_a_rise_in_severity_is_notified_at_once() -> None:
    alerts = _plan(0.7, previous=[_fired(notified_days_ago=1)], rules=[WARN, CRIT])
    assert sorted(alerts.select("severity", "status").rows()) == [
        ("critical", "pending"),
        ("warning", "pending"),
    ]


def test_a_condition_that_cleared_sends_one_recovery() -> None:
    alerts = _plan(0.95, previous=[_fired(notified_days_ago=2)])
    assert alerts.select("kind", "status", "severity").rows() == [("recovery", "pending", "info")]
    assert alerts["alert_key"][0] == f"{DAY}|a|v1|recovered pass_rate.groundedness"
    assert alerts["message"][0].startswith("recovered: pass_rate.groundedness = 0.95")


def test_a_day_short_of_data_is_not_a_recovery() -> None:
    alerts = _plan(0.95, previous=[_fired(notified_days_ago=1)], n=20)
    assert alerts.select("kind", "status").rows() == [("alert", "not_enough_data")]


def test_a_healthy_day_after_a_healthy_day_records_nothing() -> None:
    assert _plan(0.95, previous=[]).height == 0
