"""Running an app's configured evaluators over a batch: per-trace scores in long form."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import polars as pl

from llmqa.config import AppConfig
from llmqa.evaluators import REGISTRY
from llmqa.evaluators.base import unscored_explained
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.evaluators.running import running
from llmqa.evaluators.shared import sharing
from llmqa.redact import reasons_redacted

SLICE_ROWS = 10_000  # smaller slices cost more in per-call overhead than a second thread saves
THREADS = min(4, os.cpu_count() or 1)

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


def _scores(batch: pl.DataFrame, app: AppConfig, names: list[str]) -> list[pl.DataFrame]:
    """Long-form scores of `batch` by the evaluators `names`, which share derived columns."""
    parts = []
    keys = batch.select("trace_id", "prompt_version", "model")
    with sharing(), running(app.evaluators):
        for name in names:
            evaluator = REGISTRY[name]
            options = evaluator.options.model_validate(app.evaluators[name].options)
            scored = unscored_explained(batch, evaluator, evaluator.compute(batch, options))
            parts.append(
                pl.concat([keys, scored], how="horizontal").with_columns(
                    pl.lit(name).alias("evaluator"),
                    (pl.col("score") >= app.threshold(name)).alias("passed"),
                )
            )
    return parts


def row_slices(batch: pl.DataFrame, threads: int) -> list[pl.DataFrame]:
    """The batch cut into up to `threads` slices of at least `SLICE_ROWS` rows, in row order."""
    count = max(1, min(threads, batch.height // SLICE_ROWS))
    bounds = [batch.height * k // count for k in range(count + 1)]
    return [batch.slice(start, end - start) for start, end in pairwise(bounds)]


def evaluate_batch(batch: pl.DataFrame, app: AppConfig) -> pl.DataFrame:
    """Score every trace with every evaluator the app enables; one row per trace × evaluator.

    The evaluators share derived columns (each text column is tokenised once for all of them).
    Deterministic evaluators score slices of rows in threads (polars works outside the GIL, and
    every trace's score depends on that trace alone); model-based ones see the whole batch,
    since their sampling, budget and concurrency are their own.
    """
    plain_text = deterministic_evaluators()
    deterministic = [name for name in app.evaluators if name in plain_text]
    model_based = [name for name in app.evaluators if name not in deterministic]
    slices = row_slices(batch, THREADS)
    with ThreadPoolExecutor(len(slices), thread_name_prefix="llmqa-evaluate") as pool:
        sliced = pool.map(lambda rows: _scores(rows, app, deterministic), slices)
        parts = [part for slice_parts in sliced for part in slice_parts]
    parts += _scores(batch, app, model_based)
    if not parts:
        return pl.DataFrame(schema=SCORES_SCHEMA)
    # a reason that lists words may list the pieces of a phone number or address
    return reasons_redacted(batch, pl.concat(parts).select(list(SCORES_SCHEMA)).cast(SCORES_SCHEMA))


def wide_scores(batch: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """The batch with `<evaluator>_score` and `<evaluator>_passed` columns, for statistics."""
    if scores.height == 0:
        return batch
    wide = scores.pivot(on="evaluator", index="trace_id", values=["score", "passed"], separator="|")
    renamed = {c: f"{c.split('|')[1]}_{c.split('|')[0]}" for c in wide.columns if "|" in c}
    return batch.join(wide.rename(renamed), on="trace_id", how="left")
