"""Task-specific metrics: per-trace outcomes declared in the config, stored as `task.<name>` rates.

A metric reads one field, a key of the JSON `metadata` (dotted for nested keys) or a
trace column, and tests it with `equals`, `one_of`, or `op` and `value`:

    task_metrics:
      resolution_rate: {metadata_key: resolved, equals: true}
      csat_high: {metadata_key: survey.score, op: ">=", value: 4}
      clean_finish: {column: finish_reason, one_of: [stop]}

Traces where the field is absent or null do not count; the rate is over the others.
The config is turned into polars expressions; nothing in it is ever evaluated as code.
"""

from __future__ import annotations

import datetime as dt
import operator
from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, model_validator

from llmqa.contract import TRACE_COLUMNS
from llmqa.metrics import TASK_PREFIX, rate_metrics

Scalar = bool | int | float | str
COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


class TaskMetricSpec(BaseModel):
    """One task outcome: which field to read and the test that makes a trace a success."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metadata_key: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
    column: str | None = None
    equals: Scalar | None = None
    one_of: tuple[Scalar, ...] | None = None
    op: Literal["<", "<=", ">", ">="] | None = None
    value: float | None = None

    @model_validator(mode="after")
    def _one_field_one_test(self) -> TaskMetricSpec:
        if (self.metadata_key is None) == (self.column is None):
            raise ValueError("give exactly one of metadata_key and column")
        if self.column is not None and self.column not in TRACE_COLUMNS:
            raise ValueError(f"column {self.column!r} is not a trace contract column")
        tests = [self.equals is not None, self.one_of is not None, self.op is not None]
        if sum(tests) != 1 or (self.op is None) != (self.value is None):
            raise ValueError("give exactly one test: equals, one_of, or op with value")
        return self


def _equals(text: pl.Expr, expected: Scalar) -> pl.Expr:
    """Compare the field's text form with a scalar from the config, by the scalar's type."""
    if isinstance(expected, bool):
        return text.str.to_lowercase() == ("true" if expected else "false")
    if isinstance(expected, int | float):
        return text.cast(pl.Float64, strict=False) == float(expected)
    return text == expected


def outcome_expr(spec: TaskMetricSpec) -> pl.Expr:
    """Per trace: True when the test holds, False when it does not, null when the field is missing."""
    if spec.metadata_key is not None:
        text = pl.col("metadata").str.json_path_match(f"$.{spec.metadata_key}")
    else:
        text = pl.col(str(spec.column)).cast(pl.String)
    if spec.equals is not None:
        test = _equals(text, spec.equals)
    elif spec.one_of is not None:
        test = pl.any_horizontal([_equals(text, v) for v in spec.one_of])
    else:
        test = COMPARE[str(spec.op)](text.cast(pl.Float64, strict=False), float(spec.value or 0.0))
    return pl.when(text.is_not_null()).then(test.fill_null(False))


def with_task_outcomes(traces: pl.DataFrame, specs: dict[str, TaskMetricSpec]) -> pl.DataFrame:
    """The traces with one Boolean column `task.<name>` per configured metric."""
    return traces.with_columns(
        [outcome_expr(spec).alias(f"{TASK_PREFIX}{name}") for name, spec in specs.items()]
    )


def task_metrics(
    day: dt.date, app_id: str, outcomes: pl.DataFrame, specs: dict[str, TaskMetricSpec]
) -> pl.DataFrame:
    """Daily `task.<name>` metric rows per prompt version × model, with Wilson intervals, of
    traces that hold their outcomes (`with_task_outcomes`)."""
    columns = [f"{TASK_PREFIX}{name}" for name in specs]
    rates = {c: (pl.col(c), pl.col(c).is_not_null()) for c in columns}
    return rate_metrics(day, app_id, outcomes, rates)
