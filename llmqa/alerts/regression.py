"""Regression rules: a prompt version against the one it replaced, over the reference window."""

from __future__ import annotations

import polars as pl

from llmqa.alerts.check import Check, short
from llmqa.alerts.settings import AlertRule, higher_is_better
from llmqa.alerts.versions import pooled, previous_version, version_rows


def regression_checks(rule: AlertRule, today: pl.DataFrame, history: pl.DataFrame) -> list[Check]:
    """One check per prompt version of the day: worse than its predecessor by more than `by`?"""
    assert rule.regression is not None
    metric, by = rule.regression.metric, rule.regression.by
    before = {row["prompt_version"]: row for row in pooled(history, metric).iter_rows(named=True)}
    sign = -1.0 if higher_is_better(metric) else 1.0
    checks = []
    for row in version_rows(today, metric).sort("prompt_version").iter_rows(named=True):
        version, value, n = row["prompt_version"], row["value"], row["n"] or 0
        if (rule.prompt_version is not None and version != rule.prompt_version) or value is None:
            continue
        previous = previous_version(history, today, version)
        past = before.get(previous) if previous else None
        if n < rule.min_traces:
            reason = f"not enough traces ({n} < {rule.min_traces})"
        elif past is None:
            reason = "no earlier prompt version in the reference window"
        elif past["n"] < rule.min_traces:
            reason = f"not enough traces for {previous} ({past['n']} < {rule.min_traces})"
        else:
            reason = ""
        if reason:
            checks.append(Check(rule, version, "not_enough_data", f"{metric}: {reason}", metric, value, n=n))
            continue
        assert past is not None
        bound = past["value"] + sign * by
        worse = (value - bound) * sign > 0
        message = (
            f"{metric} = {short(value)} on {n} traces vs {short(past['value'])} for {previous} "
            f"({past['first_day']} to {past['last_day']}, {past['n']} traces)"
        )
        facts = {"previous_version": previous, "previous_n": past["n"],
                 "window": [past["first_day"].isoformat(), past["last_day"].isoformat()]}  # fmt: skip
        checks.append(Check(rule, version, "firing" if worse else "ok", message, metric, value, bound,
                            past["value"], n, facts))  # fmt: skip
    return checks
