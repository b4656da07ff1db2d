"""Task outcome: an outcome the app logs in `metadata` (resolved, accepted, escalated) went well."""

from __future__ import annotations

import json
import re
from typing import Any

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, field_validator

from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.text import is_blank

EXPRESSION = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(==|!=)\s*(.+?)\s*$")


class TaskOutcomeOptions(BaseModel):
    """A success expression over metadata: `key == value` or `key != value` (value as JSON)."""

    model_config = ConfigDict(extra="forbid")
    success: str = Field("resolved == true", description='e.g. resolved == true, status != "escalated"')

    @field_validator("success")
    @classmethod
    def _parses(cls, expression: str) -> str:
        parse_success(expression)
        return expression


def parse_success(expression: str) -> tuple[str, str, Any]:
    """Split `key == json-value` into (JSONPath, operator, value); ValueError when it does not parse."""
    match = EXPRESSION.match(expression)
    if match is None:
        raise ValueError(f"expected 'key == value' or 'key != value', got {expression!r}")
    key, op, literal = match.groups()
    try:
        value = json.loads(literal)
    except ValueError:
        raise ValueError(f'value {literal!r} is not JSON (quote strings: "done")') from None
    return "$." + key, op, value


def task_outcome(batch: pl.DataFrame, options: TaskOutcomeOptions) -> pl.DataFrame:
    """Score 1 where the expression holds, 0 where it does not; null where the key is absent or metadata is not JSON."""
    path, op, value = parse_success(options.success)
    found = pl.col("metadata").str.json_path_match(path)
    expected = value if isinstance(value, str) else json.dumps(value)
    holds = (found == expected) if op == "==" else (found != expected)
    scored = batch.lazy().select(
        result(
            pl.when(holds).then(1.0).when(holds.not_()).then(0.0),
            pl.when(holds.not_())
            .then(pl.format("{} is {}", pl.lit(path[2:]), found))
            .when(~is_blank(pl.col("metadata")))
            .then(pl.lit(f"metadata has no {path[2:]}, or is not JSON")),
        )
    )
    return scored.collect()  # lazily, so that the metadata is parsed once for score and reason


EVALUATOR = Evaluator(
    name="task_outcome",
    columns=("metadata",),
    threshold=0.5,
    compute=task_outcome,
    summary="Flags traces whose logged task outcome (e.g. resolved == true) did not hold.",
    options=TaskOutcomeOptions,
)
