"""Task outcome: an outcome the app logs in `metadata` (resolved, accepted, escalated) went well.

The app's config says what success is, as comparisons of metadata keys with JSON values joined
by `and` / `or`: `resolved == true and escalated != true`, `survey.score >= 4`,
`status in ["done", "closed"]`. Each comparison is a `TaskMetricSpec`, the test the config's
task metrics use; nothing in the expression is run as code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from llmqa.analytics.task_metrics import TaskMetricSpec, outcome_expr
from llmqa.contract import is_blank
from llmqa.evaluators.base import Evaluator, result

KEY = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"
LITERAL = r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^\s\[\]"]+'
CLAUSE = re.compile(rf"\s*({KEY})\s*(==|!=|<=|>=|<|>|not in\b|in\b)\s*({LITERAL})\s*")
JOIN = re.compile(r"(and|or)\b")


@dataclass(frozen=True)
class Clause:
    """One comparison of a metadata key; `negated` for != and not in."""

    key: str
    spec: TaskMetricSpec
    negated: bool

    def holds(self) -> pl.Expr:
        """True, False, or null where the key is absent (or the metadata is not JSON)."""
        test = outcome_expr(self.spec)
        return test.not_() if self.negated else test


class TaskOutcomeOptions(BaseModel):
    """A success expression over metadata: comparisons of keys with JSON values, joined by and / or."""

    model_config = ConfigDict(extra="forbid")
    success: str = Field(
        "resolved == true",
        description='e.g. resolved == true and escalated != true; csat >= 4; status in ["done", "closed"]',
    )

    @field_validator("success")
    @classmethod
    def _parses(cls, expression: str) -> str:
        parse_success(expression)
        return expression


def parse_success(expression: str) -> list[list[Clause]]:
    """The expression as alternatives (or) of clauses that must all hold (and); ValueError if it does not parse.

    A clause is `key op value`: op one of == != < <= > >= in, not in; value JSON ("done", true,
    4, ["a", "b"]). `and` binds before `or`, as in Python; there are no parentheses.
    """
    alternatives: list[list[Clause]] = [[]]
    position = 0
    while True:
        match = CLAUSE.match(expression, position)
        if match is None:
            raise ValueError(
                "expected key == value (or != < <= > >= in, not in), joined by and / or; "
                f"could not read {expression[position:]!r} in {expression!r}"
            )
        alternatives[-1].append(_clause(*match.groups()))
        position = match.end()
        if position == len(expression):
            return alternatives
        joined = JOIN.match(expression, position)
        if joined is None:
            raise ValueError(f"expected and / or before {expression[position:]!r} in {expression!r}")
        if joined.group(1) == "or":
            alternatives.append([])
        position = joined.end()


def _clause(key: str, op: str, literal: str) -> Clause:
    try:
        value = json.loads(literal)
    except ValueError:
        raise ValueError(f'value {literal!r} is not JSON (quote strings: "done")') from None
    test: dict[str, Any]
    if op in ("in", "not in"):
        if not isinstance(value, list) or not value:
            raise ValueError(f"{key} {op} needs a non-empty JSON list, got {literal}")
        test = {"one_of": tuple(value)}
    elif op in ("==", "!="):
        test = {"equals": value}
    elif isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} {op} needs a number, got {literal}")
    else:
        test = {"op": op, "value": value}
    try:
        spec = TaskMetricSpec(metadata_key=key, **test)
    except ValidationError as error:
        raise ValueError(f"{key} {op} {literal}: {error.errors()[0]['msg']}") from None
    return Clause(key, spec, negated=op in ("!=", "not in"))


def task_outcome(batch: pl.DataFrame, options: TaskOutcomeOptions) -> pl.DataFrame:
    """Score 1 where the expression holds, 0 where it does not; null where a key it needs is absent."""
    alternatives = parse_success(options.success)
    clauses = [clause for alternative in alternatives for clause in alternative]
    # three-valued, as polars' & and |: False and null is False, True or null is True
    holds = pl.any_horizontal(
        pl.all_horizontal(c.holds() for c in alternative) for alternative in alternatives
    )
    found = {c.key: pl.col("metadata").str.json_path_match(f"$.{c.key}") for c in clauses}
    failed = pl.concat_str(
        [pl.when(c.holds().not_()).then(pl.format("{} is {}", pl.lit(c.key), found[c.key])) for c in clauses],
        separator=", ",
        ignore_nulls=True,
    )
    absent = pl.concat_str(
        [pl.when(text.is_null()).then(pl.lit(key)) for key, text in found.items()],
        separator=", ",
        ignore_nulls=True,
    )
    scored = batch.lazy().select(
        result(
            pl.when(holds).then(1.0).when(holds.not_()).then(0.0),
            pl.when(holds.not_())
            .then(failed)
            .when(holds.is_null() & ~is_blank(pl.col("metadata")))
            .then(pl.format("metadata lacks {} (or is not JSON)", absent)),
        )
    )
    return scored.collect()  # lazily, so that the metadata is parsed once per key for score and reason


EVALUATOR = Evaluator(
    name="task_outcome",
    columns=("metadata",),
    threshold=0.5,
    compute=task_outcome,
    summary="Flags traces whose logged task outcome (e.g. resolved == true) did not hold.",
    options=TaskOutcomeOptions,
)
