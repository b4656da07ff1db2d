"""Empty output: the call returned nothing a user can read."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel

from llmqa.evaluators.base import Evaluator, NoOptions, result


def empty_output(batch: pl.DataFrame, options: BaseModel) -> pl.DataFrame:
    """Score 0 when the output is null or only whitespace and invisible characters (zero-width space), else 1."""
    empty = pl.col("output").is_null() | pl.col("output").str.contains(r"^[\s\p{Cf}]*$")
    return batch.select(
        result(
            pl.when(empty).then(0.0).otherwise(1.0),
            pl.when(pl.col("output").is_null())
            .then(pl.lit("no output (call failed)"))
            .when(empty)
            .then(pl.lit("output is blank")),
        )
    )


EVALUATOR = Evaluator(
    name="empty_output",
    columns=("output",),
    threshold=0.5,
    compute=empty_output,
    summary="Flags null or blank answers.",
    options=NoOptions,
)
