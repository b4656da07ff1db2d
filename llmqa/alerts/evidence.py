"""What an alert says beyond its figures: evidence, suspected cause and a suggested response."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import polars as pl

from llmqa.alerts.check import Check, short
from llmqa.alerts.drift_rules import TOPIC_FEATURE, drift_terms
from llmqa.alerts.rules import COMPARE
from llmqa.alerts.versions import models_of, pooled, previous_version
from llmqa.metrics import ALL, PASS_RATE_PREFIX
from llmqa.redact import redact

EXCERPT = 140
GUARDRAILS = {
    "groundedness": "answer only from the retrieved context and refuse when it does not support the answer",
    "refusal": "review the refusal policy in the prompt and the safety filter settings",
    "empty_output": "retry or fall back when the model returns nothing or stops on length",
}


@dataclass(frozen=True)
class AlertInputs:
    """What the alert stage reads for one app-day: metrics today and over the reference window,
    the day's drift verdicts, the worst traces, and the conditions that fired the day before."""

    today: pl.DataFrame
    history: pl.DataFrame
    drift: pl.DataFrame
    examples: pl.DataFrame
    previous: pl.DataFrame


def _cut(text: str | None, length: int = EXCERPT) -> str:
    cleaned = redact(" ".join((text or "").split()))
    return cleaned if len(cleaned) <= length else cleaned[: length - 1] + "…"


def failing_evaluator(check: Check, examples: pl.DataFrame) -> str | None:
    """The evaluator behind a pass-rate rule, else the one failing most among the worst traces."""
    if check.metric and check.metric.startswith(PASS_RATE_PREFIX):
        return check.metric.removeprefix(PASS_RATE_PREFIX)
    counts = Counter(name for failed in examples["failed"].drop_nulls() for name in failed.split(", "))
    return counts.most_common(1)[0][0] if counts else None


def _examples(examples: pl.DataFrame, evaluator: str | None) -> tuple[list[str], list[dict[str, str]]]:
    """Up to three evaluator reasons and two short redacted input/output pairs."""
    if evaluator:
        examples = examples.sort(pl.col("failed").str.contains(evaluator, literal=True), descending=True)
    reasons = [part for text in examples["reasons"].drop_nulls() for part in text.split("; ")]
    if evaluator:
        reasons = [r for r in reasons if r.startswith(f"{evaluator}:")] or reasons
    pairs = [{"input": _cut(row["input_excerpt"]), "output": _cut(row["output_excerpt"])}
             for row in examples.head(2).iter_rows(named=True)]  # fmt: skip
    return [_cut(r, 200) for r in dict.fromkeys(reasons)][:3], pairs


def _rollback(check: Check, inputs: AlertInputs, previous: str | None) -> str | None:
    """Roll back to the last healthy version (the predecessor for regressions), with its figures."""
    rule, metric = check.rule, check.rule.measured
    if metric is None:
        return f"Roll back to prompt version {previous}." if previous else None
    healthy = pooled(inputs.history, metric).filter(
        (pl.col("prompt_version") != check.prompt_version) & (pl.col("n") >= rule.min_traces)
    )
    if rule.kind == "regression":
        healthy = healthy.filter(pl.col("prompt_version") == check.facts.get("previous_version"))
    else:
        healthy = healthy.filter(~COMPARE[str(rule.op)](pl.col("value"), pl.lit(rule.value)))
    if healthy.height == 0:
        return None
    best = healthy.sort(["last_day", "n"], descending=True).row(0, named=True)
    return (f"Roll back to prompt version {best['prompt_version']} ({metric} {short(best['value'])} on "
            f"{best['n']} traces, {best['first_day']} to {best['last_day']}).")  # fmt: skip


def explain(check: Check, inputs: AlertInputs) -> dict[str, Any]:
    """Evidence, suspected causes and suggested responses for one firing check (JSON-ready)."""
    version = check.prompt_version
    examples = inputs.examples.filter((pl.col("prompt_version") == version) | pl.lit(version == ALL))
    evaluator = failing_evaluator(check, examples)
    reasons, pairs = _examples(examples, evaluator)
    previous = previous_version(inputs.history, inputs.today, version)
    cause, response = [], []
    if previous:
        cause.append(f"prompt version {version} replaced {previous} in the reference window")
    now = models_of(inputs.today, version)
    before = models_of(inputs.history, version) or (models_of(inputs.history, previous) if previous else [])
    if before and set(now) - set(before):
        cause.append(f"model changed: {', '.join(sorted(set(now) - set(before)))} (before: {before[0]})")
        response.append(f"Swap the model back to {before[0]}.")
    if evaluator and check.value is not None and check.metric == f"{PASS_RATE_PREFIX}{evaluator}":
        cause.append(f"evaluator {evaluator} fails on {1 - check.value:.0%} of {check.n} traces")
    elif evaluator:
        cause.append(f"most failed evaluator among the worst traces: {evaluator}")
    drifted = inputs.drift.filter(
        (pl.col("verdict") == "drift") & (pl.col("feature") == TOPIC_FEATURE)
        & pl.col("prompt_version").is_in([version, ALL])
    )  # fmt: skip
    terms = list(check.facts.get("terms", [])) + [t for d in drifted["detail"] for t in drift_terms(d)]
    if terms:
        cause.append(f"input topic drift toward: {', '.join(_cut(t, 40) for t in dict.fromkeys(terms))}")
        response.append("Check that retrieval and the prompt cover the new topics.")
    rollback = _rollback(check, inputs, previous)
    if rollback:
        response.insert(0, rollback)
    if evaluator:
        hint = GUARDRAILS.get(evaluator, f"block or rewrite outputs that fail {evaluator}")
        response.append(f"Tighten the guardrail: {hint}.")
    return {"reasons": reasons, "examples": pairs, "cause": cause,
            "response": response or ["Read the worst traces in the report and compare with the reference."]}  # fmt: skip
