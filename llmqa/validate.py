"""Checking a pulled batch against the trace contract with Great Expectations.

Rows that break the contract are set aside with their reasons (quarantine); the rest
go on to evaluation. Nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import polars as pl

from llmqa.conform import CONFORM_COLUMN
from llmqa.contract import REQUIRED_COLUMNS

if TYPE_CHECKING:
    from great_expectations.core.batch_definition import BatchDefinition

NON_NEGATIVE = ("latency_ms", "cost_usd", "prompt_tokens", "completion_tokens")
QUARANTINE_SCHEMA = pl.Schema(
    {
        "day": pl.Date(),
        "app_id": pl.String(),
        "trace_id": pl.String(),
        "reason": pl.String(),
        "row_json": pl.String(),
    }
)
CHECKS_SCHEMA = pl.Schema(
    {
        "day": pl.Date(),
        "app_id": pl.String(),
        "expectation": pl.String(),
        "column_name": pl.String(),
        "success": pl.Boolean(),
        "unexpected_count": pl.Int64(),
        "element_count": pl.Int64(),
    }
)


@dataclass(frozen=True)
class Validated:
    """A batch split into rows that meet the contract and rows set aside, with the checks run."""

    valid: pl.DataFrame
    quarantine: pl.DataFrame
    checks: pl.DataFrame


@cache
def _batch_definition() -> BatchDefinition:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("llmqa").add_dataframe_asset("traces")
    return asset.add_batch_definition_whole_dataframe("day")


def _suite(start: dt.datetime, end: dt.datetime, statuses: tuple[str, ...]) -> list[tuple[Any, str]]:
    """The contract as (expectation, reason given to the rows that break it)."""
    import great_expectations.expectations as gxe

    checks: list[tuple[Any, str]] = [
        (gxe.ExpectColumnValuesToNotBeNull(column=c), f"{c} is missing") for c in REQUIRED_COLUMNS
    ]
    checks += [
        (gxe.ExpectColumnValuesToBeUnique(column="trace_id"), "duplicate trace_id"),
        (gxe.ExpectColumnValuesToBeBetween(column="ts", min_value=start, max_value=end, strict_max=True),
         "ts outside the day"),
        (gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(statuses)), "unknown status"),
        (gxe.ExpectColumnValuesToBeJsonParseable(column="metadata"), "metadata is not valid JSON"),
    ]  # fmt: skip
    checks += [
        (gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0), f"{c} is negative") for c in NON_NEGATIVE
    ]
    return checks


def _is_list_of_strings(text: str) -> bool:
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _llmqa_checks(batch: pl.DataFrame) -> list[tuple[str, str | None, str, pl.Series]]:
    """Checks Great Expectations has no expectation for, as (name, column, reason, failing rows)."""
    context = pl.col("context").str.strip_chars()
    masks = batch.select(
        *[
            (pl.col(c).is_nan() | pl.col(c).is_infinite()).fill_null(False).alias(c)
            for c in ("latency_ms", "cost_usd")
        ],
        (
            context.str.starts_with("[")
            & ~context.map_elements(_is_list_of_strings, return_dtype=pl.Boolean, skip_nulls=True)
        )
        .fill_null(False)
        .alias("context"),
    )
    return [
        ("llmqa_values_are_finite", "latency_ms", "latency_ms is not finite", masks["latency_ms"]),
        ("llmqa_values_are_finite", "cost_usd", "cost_usd is not finite", masks["cost_usd"]),
        ("llmqa_json_is_list_of_strings", "context", "context JSON is not a list of strings",
         masks["context"]),
    ]  # fmt: skip


def _conform_checks(batch: pl.DataFrame) -> list[tuple[str, str | None, str, pl.Series]]:
    """The values `conform` could not coerce to their contract type, one check per reason."""
    if CONFORM_COLUMN not in batch.columns:
        return []
    reasons = batch[CONFORM_COLUMN].str.split("; ")
    return [
        ("llmqa_values_have_contract_types", r.split(" ")[0], r, reasons.list.contains(r).fill_null(False))
        for r in sorted(set(reasons.explode().drop_nulls()))
    ]


def _contract_checks(
    batch: pl.DataFrame, day: dt.date, statuses: tuple[str, ...]
) -> list[tuple[str, str | None, str, pl.Series]]:
    """Great Expectations' verdicts on the batch, as (name, column, reason, failing rows)."""
    start = dt.datetime.combine(day, dt.time())
    gx_batch = _batch_definition().get_batch(batch_parameters={"dataframe": batch.to_pandas()})
    first_of_id = batch["trace_id"].is_first_distinct()
    checks = []
    for expectation, reason in _suite(start, start + dt.timedelta(days=1), statuses):
        outcome = gx_batch.validate(expectation, result_format="COMPLETE")
        failing = pl.Series("failing", [False] * batch.height)
        failing[list(outcome.result.get("unexpected_index_list") or [])] = True
        if reason == "duplicate trace_id":
            failing = failing & ~first_of_id  # the first copy is kept
        checks.append((expectation.expectation_type, expectation.column, reason, failing))
    return checks


def validate_batch(batch: pl.DataFrame, day: dt.date, app_id: str, statuses: tuple[str, ...]) -> Validated:
    """Run the trace contract over one app-day batch and split off the rows that break it."""
    conformed, batch = _conform_checks(batch), batch.drop(CONFORM_COLUMN, strict=False)
    checks = conformed + _contract_checks(batch, day, statuses) + _llmqa_checks(batch) if batch.height else []
    summary = pl.DataFrame(
        [{"day": day, "app_id": app_id, "expectation": name, "column_name": column,
          "success": not bool(failing.any()), "unexpected_count": int(failing.sum()),
          "element_count": batch.height} for name, column, _, failing in checks],
        schema=CHECKS_SCHEMA,
    )  # fmt: skip
    flags = pl.DataFrame([failing.alias(str(i)) for i, (*_, failing) in enumerate(checks)])
    reason = pl.concat_str(
        [pl.when(flags[str(i)]).then(pl.lit(r)) for i, (_, _, r, _) in enumerate(checks)] or [pl.lit(None)],
        separator="; ",
        ignore_nulls=True,
    )
    marked = batch.with_columns(reason.alias("_reason") if checks else pl.lit("", pl.String).alias("_reason"))
    bad = pl.col("_reason").str.len_chars() > 0
    quarantine = marked.filter(bad).select(
        pl.lit(day).alias("day"),
        pl.lit(app_id).alias("app_id"),
        pl.col("trace_id"),
        pl.col("_reason").alias("reason"),
        pl.struct(pl.col(batch.columns)).struct.json_encode().alias("row_json"),
    )
    return Validated(marked.filter(~bad).drop("_reason"), quarantine.cast(QUARANTINE_SCHEMA), summary)
