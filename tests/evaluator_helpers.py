"""Helpers for the evaluator tests: build a trace batch, run an evaluator by name."""

from __future__ import annotations

from typing import Any

import polars as pl

from llmqa.contract import TRACE_SCHEMA
from llmqa.evaluators import REGISTRY


def traces(**columns: list[Any]) -> pl.DataFrame:
    """A batch with every contract column; the given ones filled, the rest null."""
    height = len(next(iter(columns.values())))
    data = {name: columns.get(name, [None] * height) for name in TRACE_SCHEMA}
    return pl.DataFrame(data, schema=TRACE_SCHEMA)


def scores(name: str, batch: pl.DataFrame, **options: Any) -> list[float | None]:
    """The scores of evaluator `name` with `options` on `batch`."""
    evaluator = REGISTRY[name]
    return evaluator.compute(batch, evaluator.options(**options))["score"].to_list()


def reasons(name: str, batch: pl.DataFrame, **options: Any) -> list[str | None]:
    """The reasons of evaluator `name` with `options` on `batch`."""
    evaluator = REGISTRY[name]
    return evaluator.compute(batch, evaluator.options(**options))["reason"].to_list()


def threshold(name: str) -> float:
    """The default threshold of evaluator `name`."""
    return REGISTRY[name].threshold
