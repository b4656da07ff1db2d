"""Threshold rules: `metric op value` on each prompt version of the day, with enough traces."""

from __future__ import annotations

import operator

import polars as pl

from llmqa.alerts.check import Check, Outcome, short
from llmqa.alerts.settings import AlertRule
from llmqa.alerts.versions import pooled, version_rows

COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def crosses(rule: AlertRule, value: float) -> bool:
    """Whether `value` is on the firing side of a threshold rule."""
    assert rule.op is not None and rule.value is not None
    return bool(COMPARE[rule.op](value, rule.value))


def threshold_checks(rule: AlertRule, today: pl.DataFrame, history: pl.DataFrame) -> list[Check]:
    """One check per prompt version: firing, ok, or not enough traces to say."""
    metric = str(rule.metric)
    usual = {row["prompt_version"]: row["value"] for row in pooled(history, metric).iter_rows(named=True)}
    checks = []
    for row in version_rows(today, metric).sort("prompt_version").iter_rows(named=True):
        version, value, n = row["prompt_version"], row["value"], row["n"] or 0
        if rule.prompt_version is not None and version != rule.prompt_version:
            continue
        figures = {"metric": metric, "value": value, "threshold": rule.value, "n": n,
                   "reference": usual.get(version)}  # fmt: skip
        if n < rule.min_traces:
            message = f"{metric}: not enough traces ({n} < {rule.min_traces})"
            checks.append(Check(rule, version, "not_enough_data", message, **figures))
        elif value is not None:
            outcome: Outcome = "firing" if crosses(rule, value) else "ok"
            reference = "" if usual.get(version) is None else f"; usually {short(usual[version])}"
            message = f"{metric} = {short(value)} ({rule.op} {rule.value:g}) on {n} traces{reference}"
            checks.append(Check(rule, version, outcome, message, **figures))
    return checks
