"""Prompt versions over the reference window: pooled figures, the version before, models in use."""

from __future__ import annotations

import polars as pl

from llmqa.metrics import ALL


def version_rows(metrics: pl.DataFrame, metric: str) -> pl.DataFrame:
    """One metric's rows per prompt version over all models (one per version and day)."""
    return metrics.filter(
        (pl.col("metric") == metric) & (pl.col("model") == ALL) & (pl.col("prompt_version") != ALL)
    )


def pooled(history: pl.DataFrame, metric: str) -> pl.DataFrame:
    """Per version over the window: the trace-weighted mean of the daily values, traces, first/last day."""
    rows = version_rows(history, metric).filter(pl.col("value").is_not_null() & (pl.col("n") > 0))
    return rows.group_by("prompt_version").agg(
        ((pl.col("value") * pl.col("n")).sum() / pl.col("n").sum()).alias("value"),
        pl.col("n").sum().alias("n"),
        pl.col("day").min().alias("first_day"),
        pl.col("day").max().alias("last_day"),
    )


def previous_version(history: pl.DataFrame, today: pl.DataFrame, version: str) -> str | None:
    """The version `version` replaced: of those first seen before it in the window, the last one used.

    A version that ran through the whole window has no predecessor in it; ties go to the
    busier version, then the name, so the answer is deterministic.
    """
    seen = pl.concat([version_rows(history, "traces"), version_rows(today, "traces")])
    spans = seen.group_by("prompt_version").agg(
        pl.col("day").min().alias("first_day"), pl.col("day").max().alias("last_day"), pl.col("n").sum()
    )
    mine = spans.filter(pl.col("prompt_version") == version)
    if mine.height == 0:
        return None
    in_window = set(version_rows(history, "traces")["prompt_version"].to_list())
    earlier = spans.filter(
        (pl.col("first_day") < mine["first_day"][0]) & pl.col("prompt_version").is_in(sorted(in_window))
    )
    if earlier.height == 0:
        return None
    ranked = earlier.sort(["last_day", "n", "prompt_version"], descending=[True, True, False])
    return str(ranked["prompt_version"][0])


def models_of(metrics: pl.DataFrame, version: str) -> list[str]:
    """The models a version used in `metrics`, busiest first."""
    rows = metrics.filter(
        (pl.col("metric") == "traces") & (pl.col("prompt_version") == version) & (pl.col("model") != ALL)
    )
    totals = rows.group_by("model").agg(pl.col("n").sum()).sort(["n", "model"], descending=[True, False])
    return totals["model"].to_list()
