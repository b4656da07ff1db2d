"""The alert stage of one app-day: read what the rules need, judge every rule, plan the outbox rows."""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.alerts.check import Check
from llmqa.alerts.drift_rules import drift_checks
from llmqa.alerts.evidence import AlertInputs, explain
from llmqa.alerts.noise import outbox_rows
from llmqa.alerts.regression import regression_checks
from llmqa.alerts.rules import threshold_checks
from llmqa.alerts.settings import AlertRule, SlackConfig
from llmqa.metrics import METRICS_SCHEMA
from llmqa.warehouse import Warehouse

DRIFT_COLUMNS = {"prompt_version": pl.String(), "comparison": pl.String(), "feature": pl.String(),
                 "test": pl.String(), "effect_size": pl.Float64(), "threshold": pl.Float64(),
                 "p_adjusted": pl.Float64(), "verdict": pl.String(), "n_current": pl.Int64(),
                 "detail": pl.String()}  # fmt: skip
EXAMPLE_COLUMNS = {"prompt_version": pl.String(), "model": pl.String(), "rank": pl.Int64(),
                   "failed": pl.String(), "reasons": pl.String(), "input_excerpt": pl.String(),
                   "output_excerpt": pl.String()}  # fmt: skip
PREVIOUS_COLUMNS = {"prompt_version": pl.String(), "subject": pl.String(), "severity": pl.String(),
                    "notified_on": pl.Date()}  # fmt: skip


def load_alert_inputs(wh: Warehouse, day: dt.date, app_id: str, reference_days: int) -> AlertInputs:
    """Read the day's metrics, the reference window's, drift verdicts, worst traces and yesterday's alerts."""

    def read(name: str, columns: dict[str, pl.DataType], **params: object) -> pl.DataFrame:
        return wh.read(wh.render(name), {"app_id": app_id, **params}, columns)

    start, yesterday = day - dt.timedelta(days=reference_days), day - dt.timedelta(days=1)
    return AlertInputs(
        today=read("metrics_history", dict(METRICS_SCHEMA), start=day, end=day),
        history=read("metrics_history", dict(METRICS_SCHEMA), start=start, end=yesterday),
        drift=read("alerts_drift", DRIFT_COLUMNS, day=day),
        examples=read("alerts_examples", EXAMPLE_COLUMNS, day=day),
        previous=read("alerts_previous", PREVIOUS_COLUMNS, day=yesterday),
    )


def judge(rule: AlertRule, inputs: AlertInputs) -> list[Check]:
    """Every check of one rule on the day, whatever its kind."""
    if rule.kind == "drift":
        return drift_checks(rule, inputs.drift)
    if rule.kind == "regression":
        return regression_checks(rule, inputs.today, inputs.history)
    return threshold_checks(rule, inputs.today, inputs.history)


def plan_alerts(
    day: dt.date, app_id: str, rules: list[AlertRule], slack: SlackConfig, inputs: AlertInputs
) -> pl.DataFrame:
    """The outbox rows of one app-day: pending or suppressed alerts, recoveries, rules short of data."""
    checks = [check for rule in rules for check in judge(rule, inputs)]
    return outbox_rows(day, app_id, checks, inputs.previous, slack.renotify_days,
                       lambda check: explain(check, inputs))  # fmt: skip
