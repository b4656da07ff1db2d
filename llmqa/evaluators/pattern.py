"""Patterns: the output contains every required regex and none of the forbidden ones."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, field_validator

from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.patterns import kinds_where
from llmqa.regex import checked_regexes


class PatternOptions(BaseModel):
    """Regexes (Rust regex syntax, no look-around) the output must and must not contain."""

    model_config = ConfigDict(extra="forbid")
    required: list[str] = Field(default_factory=list, description="regexes every output must match")
    forbidden: list[str] = Field(default_factory=list, description="regexes no output may match")

    @field_validator("required", "forbidden")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        return checked_regexes(patterns)


def pattern(batch: pl.DataFrame, options: PatternOptions) -> pl.DataFrame:
    """Score the share of rules met (each required found, each forbidden absent); null without output."""
    output = pl.col("output")
    missing = kinds_where({f"missing {p}": ~output.str.contains(p) for p in options.required})
    present = kinds_where({f"forbidden {p}": output.str.contains(p) for p in options.forbidden})
    broken = pl.concat_list([missing, present])
    rules = max(len(options.required) + len(options.forbidden), 1)
    return batch.select(
        result(
            pl.when(output.is_null()).then(None).otherwise(1.0 - broken.list.len() / rules),
            pl.when(broken.list.len() > 0).then(broken.list.join("; ")),
        )
    )


EVALUATOR = Evaluator(
    name="pattern",
    columns=("output",),
    threshold=1.0,
    compute=pattern,
    summary="Flags outputs missing a required pattern or containing a forbidden one.",
    options=PatternOptions,
)
