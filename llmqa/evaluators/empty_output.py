"""Empty output: the call returned nothing a user can read."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel

from llmqa.evaluators.base import Evaluator, NoOptions, result


def empty_output(batch: pl.DataFrame, options: BaseModel) -> pl.DataFrame:
    """Score 0 when the output is null or only whitespace, else 1."""
    text = pl.col("output").str.strip_chars()
    empty = text.is_null() | (text.str.len_chars() == 0)
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
