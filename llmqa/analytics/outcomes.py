"""Per-trace outcomes that the analyses compare: pass/fail per evaluator, task outcomes, cost, latency."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from llmqa.analytics.task_metrics import TaskMetricSpec, with_task_outcomes
from llmqa.drift.features import PASSED_SUFFIX, evaluator_features
from llmqa.metrics import PASS_RATE_PREFIX, TASK_PREFIX

RATE_OUTCOMES = ("error_rate", "thumbs_down_rate")
VALUE_OUTCOMES = ("latency_ms", "cost_usd")


def judged_by(columns: Iterable[str]) -> list[str]:
    """The evaluators, by name, whose `<evaluator>_passed` column is among `columns`."""
    verdicts = evaluator_features(list(columns))
    return sorted(c.removesuffix(PASSED_SUFFIX) for c, kind in verdicts.items() if kind == "rate")


def trace_outcomes(scored: pl.DataFrame, specs: dict[str, TaskMetricSpec]) -> pl.DataFrame:
    """One row per trace of `scored` (traces with their `<evaluator>_passed` columns) with Boolean
    outcome columns named like their daily metrics; the long texts, output and context, are left out.

    `pass_rate.<evaluator>` and `task.<name>` are null where not applicable; `success` is an
    answer that did not error and that no evaluator failed; `tokens` is prompt + completion.
    """
    evaluators = judged_by(scored.columns)
    feedback = pl.col("feedback_score")
    return with_task_outcomes(scored, specs).select(
        "trace_id", "ts", "prompt_version", "model", "input",
        *VALUE_OUTCOMES, "prompt_tokens", "completion_tokens",
        (pl.col("prompt_tokens").fill_null(0) + pl.col("completion_tokens").fill_null(0)).alias("tokens"),
        (pl.col("status") != "ok").alias("error_rate"),
        pl.when(feedback.is_not_null()).then(feedback <= 0).alias("thumbs_down_rate"),
        *[pl.col(f"{e}{PASSED_SUFFIX}").alias(f"{PASS_RATE_PREFIX}{e}") for e in evaluators],
        *[pl.col(f"{TASK_PREFIX}{name}") for name in specs],
        pl.all_horizontal(
            pl.col("status") == "ok", *[pl.col(f"{e}{PASSED_SUFFIX}").fill_null(True) for e in evaluators]
        ).alias("success"),
    )  # fmt: skip


def rate_columns(outcomes: pl.DataFrame) -> list[str]:
    """The Boolean outcome columns, task metrics first, then evaluator pass rates, then the rest."""
    tasks = [c for c in outcomes.columns if c.startswith(TASK_PREFIX)]
    passes = [c for c in outcomes.columns if c.startswith(PASS_RATE_PREFIX)]
    return [*tasks, *passes, *RATE_OUTCOMES]
