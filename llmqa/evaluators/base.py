"""The shape every evaluator shares: a name, the columns it reads, and a pure batch function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from pydantic import BaseModel, ConfigDict

from llmqa.contract import missing_input


class NoOptions(BaseModel):
    """Options of an evaluator that takes none."""

    model_config = ConfigDict(extra="forbid")


ComputeFn = Callable[[pl.DataFrame, Any], pl.DataFrame]


@dataclass(frozen=True)
class Evaluator:
    """A registered per-trace quality check.

    `compute(batch, options)` returns a frame of the batch's height with a Float64 `score`
    in [0, 1] (1 = good, null = not applicable to that trace) and a String `reason`.
    """

    name: str
    columns: tuple[str, ...]
    threshold: float
    compute: ComputeFn
    summary: str
    options: type[BaseModel] = field(default=NoOptions)

    @property
    def module(self) -> str:
        """The module its compute function lives in (through a functools.partial)."""
        return str(getattr(self.compute, "func", self.compute).__module__)


def result(score: pl.Expr, reason: pl.Expr) -> list[pl.Expr]:
    """Name a score and a reason expression the way every evaluator returns them."""
    # replace, not fill_nan: fill_nan evaluates `score` three times (a when/then over it)
    return [
        score.cast(pl.Float64).replace(float("nan"), None).clip(0.0, 1.0).alias("score"),
        reason.cast(pl.String).alias("reason"),
    ]


def unscored_explained(batch: pl.DataFrame, evaluator: Evaluator, scored: pl.DataFrame) -> pl.DataFrame:
    """`scored` with a reason on every null score: the first input the trace lacks, else 'not applicable'.

    An evaluator names its own reason where a trace has its inputs and still is not scored
    (an answer that does not abstain, for false_abstention); this fills the rest.
    """
    unexplained = scored["score"].is_null() & scored["reason"].is_null()
    if not unexplained.any():
        return scored
    # only the columns the evaluator reads are copied out of the unexplained rows
    inputs = batch.select(c for c in evaluator.columns if c in batch.columns).filter(unexplained)
    why = inputs.select(pl.coalesce(missing_input(batch, evaluator.columns), pl.lit("not applicable")))
    return scored.with_columns(scored["reason"].clone().scatter(unexplained.arg_true(), why.to_series()))


def on_rows(
    batch: pl.DataFrame, applicable: pl.Expr, compute: Callable[[pl.DataFrame], pl.DataFrame]
) -> pl.DataFrame:
    """Run `compute` only on the rows where `applicable` holds; the other rows get nulls in every column.

    The way to skip costly work (a capturing regex, a per-row parse) on rows a cheap test rules out.
    """
    mask = batch.select(applicable.fill_null(False)).to_series()
    if mask.all():
        return compute(batch)
    if not mask.any():
        schema = compute(batch.clear()).schema
        return pl.DataFrame(
            [pl.Series(n, dtype=d).extend_constant(None, batch.height) for n, d in schema.items()]
        )
    index = mask.arg_true()
    return on_every_row(compute(batch[index]).with_columns(index.alias("row")), batch.height)


def on_every_row(found: pl.DataFrame, rows: int) -> pl.DataFrame:
    """`found`, keyed by a `row` position (each at most once), laid out on `rows` rows in order:
    nulls where no row of `found` has that position; `row` itself dropped."""
    every_row = pl.DataFrame({"row": pl.int_range(rows, dtype=pl.get_index_type(), eager=True)})
    return every_row.join(found, on="row", how="left", maintain_order="left").drop("row")
