"""Running an app's configured evaluators over a batch: per-trace scores in long form."""

from __future__ import annotations

import polars as pl

from llmqa.config import AppConfig
from llmqa.evaluators import REGISTRY
from llmqa.evaluators.shared import sharing

SCORES_SCHEMA = pl.Schema(
    {
        "trace_id": pl.String(),
        "prompt_version": pl.String(),
        "model": pl.String(),
        "evaluator": pl.String(),
        "score": pl.Float64(),
        "passed": pl.Boolean(),
        "reason": pl.String(),
    }
)


def evaluate_batch(batch: pl.DataFrame, app: AppConfig) -> pl.DataFrame:
    """Score every trace with every evaluator the app enables; one row per trace × evaluator.

    The evaluators share derived columns (each text column is tokenised once for all of them).
    """
    parts = []
    keys = batch.select("trace_id", "prompt_version", "model")
    with sharing():
        for name, spec in app.evaluators.items():
            evaluator = REGISTRY[name]
            options = evaluator.options.model_validate(spec.options)
            scored = evaluator.compute(batch, options)
            parts.append(
                pl.concat([keys, scored], how="horizontal").with_columns(
                    pl.lit(name).alias("evaluator"),
                    (pl.col("score") >= app.threshold(name)).alias("passed"),
                )
            )
    if not parts:
        return pl.DataFrame(schema=SCORES_SCHEMA)
    return pl.concat(parts).select(list(SCORES_SCHEMA)).cast(SCORES_SCHEMA)


def wide_scores(batch: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """The batch with `<evaluator>_score` and `<evaluator>_passed` columns, for statistics."""
    if scores.height == 0:
        return batch
    wide = scores.pivot(on="evaluator", index="trace_id", values=["score", "passed"], separator="|")
    renamed = {c: f"{c.split('|')[1]}_{c.split('|')[0]}" for c in wide.columns if "|" in c}
    return batch.join(wide.rename(renamed), on="trace_id", how="left")
