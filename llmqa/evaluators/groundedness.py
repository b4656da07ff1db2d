"""Groundedness: the answer's words, word pairs, numbers and names all occur in the context or question."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from llmqa.evaluators.base import Evaluator, result
from llmqa.evaluators.support import support_frame, unit_columns
from llmqa.evaluators.text import is_blank


class GroundednessOptions(BaseModel):
    """How many unsupported units a short answer may carry before its score drops far."""

    model_config = ConfigDict(extra="forbid")
    slack_units: float = Field(12.0, gt=0.0, description="units of allowance added to every answer")
    number_weight: float = Field(2.0, ge=0.0, description="extra weight of an unsupported number")
    name_weight: float = Field(2.0, ge=0.0, description="extra weight of an unsupported name")
    question_weight: float = Field(
        0.5, ge=0.0, le=1.0, description="weight of a unit only the question has (1 = unsupported)"
    )
    max_terms: int = Field(8, ge=1, le=50, description="unsupported terms named in the reason")


def unsupported_reason(novel: pl.Expr, max_terms: int) -> pl.Expr:
    """'unsupported: a, b, c' from a list of unsupported terms, or null when there are none."""
    return pl.when(novel.list.len() > 0).then(
        pl.format("unsupported: {}", novel.list.head(max_terms).list.join(", "))
    )


def support_score(
    batch: pl.DataFrame, sources: tuple[str, ...], options: GroundednessOptions, weak: tuple[str, ...] = ()
) -> pl.DataFrame:
    """Score 1 - unsupported / (units + slack) of the output against `sources` (and `weak` ones); null without context or output."""
    support = support_frame(
        unit_columns(batch, "output", (*sources, *weak)),
        "output",
        sources,
        number_weight=options.number_weight,
        name_weight=options.name_weight,
        weak_sources=weak,
        weak_weight=options.question_weight,
    )
    applicable = batch.select(~is_blank(pl.col("context")) & ~is_blank(pl.col("output")))["context"]
    return support.with_columns(applicable.alias("applicable")).select(
        result(
            pl.when("applicable").then(1.0 - pl.col("unsupported") / (pl.col("units") + options.slack_units)),
            pl.when("applicable").then(unsupported_reason(pl.col("novel"), options.max_terms)),
        )
    )


def groundedness(batch: pl.DataFrame, options: GroundednessOptions) -> pl.DataFrame:
    """Score the answer's support by the context, the question counting as weak evidence; null without context or output."""
    return support_score(batch, ("context",), options, weak=("input",))


EVALUATOR = Evaluator(
    name="groundedness",
    columns=("output", "context", "input"),
    threshold=0.85,
    compute=groundedness,
    summary="Flags answers whose words, word pairs, numbers or names are not in the context or question.",
    options=GroundednessOptions,
)
