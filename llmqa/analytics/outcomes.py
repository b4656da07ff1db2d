"""Per-trace outcomes that the analyses compare: pass/fail per evaluator, task outcomes, cost, latency."""

from __future__ import annotations

import polars as pl

from llmqa.analytics.task_metrics import TaskMetricSpec, with_task_outcomes
from llmqa.evaluate import wide_scores
from llmqa.metrics import PASS_RATE_PREFIX, TASK_PREFIX

RATE_OUTCOMES = ("error_rate", "thumbs_down_rate")
VALUE_OUTCOMES = ("latency_ms", "cost_usd")


def trace_outcomes(
    traces: pl.DataFrame, scores: pl.DataFrame, specs: dict[str, TaskMetricSpec]
) -> pl.DataFrame:
    """One row per trace with Boolean outcome columns named like their daily metrics.

    `pass_rate.<evaluator>` and `task.<name>` are null where not applicable; `success` is an
    answer that did not error and that no evaluator failed; `tokens` is prompt + completion.
    """
    wide = wide_scores(with_task_outcomes(traces, specs), scores)
    evaluators = sorted(scores["evaluator"].unique()) if scores.height else []
    feedback = pl.col("feedback_score")
    return wide.select(
        "trace_id", "ts", "prompt_version", "model", "input", "output", "context",
        *VALUE_OUTCOMES, "prompt_tokens", "completion_tokens",
        (pl.col("prompt_tokens").fill_null(0) + pl.col("completion_tokens").fill_null(0)).alias("tokens"),
        (pl.col("status") != "ok").alias("error_rate"),
        pl.when(feedback.is_not_null()).then(feedback <= 0).alias("thumbs_down_rate"),
        *[pl.col(f"{e}_passed").alias(f"{PASS_RATE_PREFIX}{e}") for e in evaluators],
        *[pl.col(f"{TASK_PREFIX}{name}") for name in specs],
        pl.all_horizontal(
            pl.col("status") == "ok", *[pl.col(f"{e}_passed").fill_null(True) for e in evaluators]
        ).alias("success"),
    )  # fmt: skip


def rate_columns(outcomes: pl.DataFrame) -> list[str]:
    """The Boolean outcome columns, task metrics first, then evaluator pass rates, then the rest."""
    tasks = [c for c in outcomes.columns if c.startswith(TASK_PREFIX)]
    passes = [c for c in outcomes.columns if c.startswith(PASS_RATE_PREFIX)]
    return [*tasks, *passes, *RATE_OUTCOMES]
