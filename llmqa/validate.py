"""Checking a pulled batch against the trace contract with Great Expectations.

Rows that break the contract are set aside with their reasons (quarantine); the rest
go on to evaluation. Nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

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
        "prompt_version": pl.String(),
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

CHECK_COUNTS = pl.Schema(
    {name: CHECKS_SCHEMA[name] for name in ("expectation", "column_name", "unexpected_count")}
)


class ValidationError(RuntimeError):
    """Great Expectations and llmqa's row checks disagree about a batch: a bug, never bad data."""


@dataclass(frozen=True)
class Validated:
    """A batch split into rows that meet the contract and rows set aside, with the checks run."""

    valid: pl.DataFrame
    quarantine: pl.DataFrame
    checks: pl.DataFrame


# The process's one context and batch definition are not safe to share between threads: they take turns.
_GREAT_EXPECTATIONS = threading.Lock()


@cache
def _batch_definition() -> BatchDefinition:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("llmqa").add_dataframe_asset("traces")
    return asset.add_batch_definition_whole_dataframe("day")


class Rule(NamedTuple):
    """One rule of the contract: the reason its rows get, the rows that break it, and the
    Great Expectations expectations that judge the whole batch on it."""

    reason: str
    column: str
    breaks: pl.Expr
    expectations: tuple[Any, ...]
    on_values: bool = True  # looks only at non-null values: holds when the column has none


def _rules(start: dt.datetime, end: dt.datetime, statuses: tuple[str, ...]) -> list[Rule]:
    """The contract: Great Expectations judges the batch (one aggregate per rule, vectorised), polars
    finds the rows (GE's row-level expectations cost a Python-speed pass per rule: minutes a million rows)."""
    import great_expectations.expectations as gxe

    trace_id, ts = pl.col("trace_id"), pl.col("ts")
    rules = [
        Rule(f"{c} is missing", c, pl.col(c).is_null(),
             (gxe.ExpectColumnProportionOfNonNullValuesToBeBetween(column=c, min_value=1.0),), on_values=False)
        for c in REQUIRED_COLUMNS
    ]  # fmt: skip
    rules += [
        Rule("duplicate trace_id", "trace_id", trace_id.is_not_null() & ~trace_id.is_first_distinct(),
             (gxe.ExpectColumnProportionOfUniqueValuesToBeBetween(column="trace_id", min_value=1.0),)),
        Rule("ts outside the day", "ts", (ts < start) | (ts >= end),
             (gxe.ExpectColumnMinToBeBetween(column="ts", min_value=start),
              gxe.ExpectColumnMaxToBeBetween(column="ts", max_value=end, strict_max=True))),
        Rule("unknown status", "status", ~pl.col("status").is_in(statuses),
             (gxe.ExpectColumnDistinctValuesToBeInSet(column="status", value_set=list(statuses)),)),
    ]  # fmt: skip
    rules += [
        Rule(f"{c} is negative", c, pl.col(c) < 0, (gxe.ExpectColumnMinToBeBetween(column=c, min_value=0),))
        for c in NON_NEGATIVE
    ]
    return rules


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _is_list_of_strings(text: str) -> bool:
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _fails_on_distinct(values: pl.Series, valid: Callable[[str], bool]) -> pl.Series:
    """Rows whose non-null value fails `valid`, calling it once per distinct value."""
    distinct = values.drop_nulls().unique()
    bad = distinct.filter(~distinct.map_elements(valid, return_dtype=pl.Boolean))
    return values.is_in(bad.implode()).fill_null(False)


def _llmqa_checks(batch: pl.DataFrame) -> list[tuple[str, str | None, str, pl.Series]]:
    """Checks Great Expectations has no aggregate for, as (name, column, reason, failing rows)."""
    finite = batch.select(
        (pl.col(c).is_nan() | pl.col(c).is_infinite()).fill_null(False).alias(c)
        for c in ("latency_ms", "cost_usd")
    )
    context = batch["context"].str.strip_chars()
    listed = context.str.starts_with("[").fill_null(False)
    context_bad = listed & _fails_on_distinct(context, _is_list_of_strings)
    return [
        ("llmqa_values_are_finite", "latency_ms", "latency_ms is not finite", finite["latency_ms"]),
        ("llmqa_values_are_finite", "cost_usd", "cost_usd is not finite", finite["cost_usd"]),
        ("llmqa_values_are_json", "metadata", "metadata is not valid JSON",
         _fails_on_distinct(batch["metadata"], _is_json)),
        ("llmqa_json_is_list_of_strings", "context", "context JSON is not a list of strings", context_bad),
    ]  # fmt: skip


def _vacuous(rule: Rule, batch: pl.DataFrame) -> bool:
    """A rule on values holds for a column without any: Great Expectations' aggregates would fail it."""
    return rule.on_values and batch[rule.column].null_count() == batch.height


def _key(configuration: Any) -> str:
    """An expectation told apart by its type and arguments (results also carry the batch id)."""
    arguments = sorted((k, str(v)) for k, v in configuration.kwargs.items() if k != "batch_id")
    return f"{configuration.type} {arguments}"


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
    """The contract's verdicts on the batch, as (expectations, column, reason, failing rows).

    Great Expectations validates the batch on the rule's columns; polars marks the rows. The two
    must agree: a rule GE passes cannot have failing rows, nor the reverse.
    """
    import great_expectations as gx

    start = dt.datetime.combine(day, dt.time())
    rules = _rules(start, start + dt.timedelta(days=1), statuses)
    columns = sorted({rule.column for rule in rules})
    failing = batch.select(rule.breaks.fill_null(False).alias(str(i)) for i, rule in enumerate(rules))
    judged = [e for rule in rules if not _vacuous(rule, batch) for e in rule.expectations]
    frame = batch.select(columns).to_pandas()
    with _GREAT_EXPECTATIONS:
        gx_batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
        # one suite, so Great Expectations reads (and hashes) the batch once, not once per expectation
        results = gx_batch.validate(
            gx.ExpectationSuite("contract", expectations=judged), result_format="BOOLEAN_ONLY"
        )
    success = {_key(r.expectation_config): r.success for r in results.results}
    checks: list[tuple[str, str | None, str, pl.Series]] = []
    for i, rule in enumerate(rules):
        passed = _vacuous(rule, batch) or all(success[_key(e.configuration)] for e in rule.expectations)
        rows = failing[str(i)]
        if passed == bool(rows.any()):
            raise ValidationError(f"Great Expectations and the row check disagree on {rule.reason!r}")
        name = "+".join(e.expectation_type for e in rule.expectations)
        checks.append((name, rule.column, rule.reason, rows))
    return checks


def validate_batch(
    batch: pl.DataFrame, day: dt.date, app_id: str, statuses: tuple[str, ...], keep: pl.Expr | None = None
) -> Validated:
    """Run the trace contract over one app-day batch and split off the rows that break it.

    With `keep`, the contract judges the whole batch (a duplicate is one beside its copies) but
    the result holds, and the checks count, only the rows `keep` selects.
    """
    conformed, batch = _conform_checks(batch), batch.drop(CONFORM_COLUMN, strict=False)
    checks = conformed + _contract_checks(batch, day, statuses) + _llmqa_checks(batch) if batch.height else []
    if keep is not None:
        kept = batch.select(keep.fill_null(False)).to_series()
        batch, checks = batch.filter(kept), [(n, c, r, failing.filter(kept)) for n, c, r, failing in checks]
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
        pl.col("prompt_version"),
    )
    return Validated(marked.filter(~bad).drop("_reason"), quarantine.cast(QUARANTINE_SCHEMA), summary)


def merge_checks(checks: Iterable[pl.DataFrame], rows: int) -> pl.DataFrame:
    """The checks of a day validated in chunks, as one validation of all its `rows` would report them.

    A check counts every row it failed in any chunk; a check run on some chunks only (a conform
    reason) still judged every row, as it would have on the whole day.
    """
    merged = pl.concat([pl.DataFrame(schema=CHECKS_SCHEMA), *checks], how="diagonal")
    return (
        merged.group_by("day", "app_id", "expectation", "column_name", maintain_order=True)
        .agg(pl.col("unexpected_count").sum())
        .with_columns((pl.col("unexpected_count") == 0).alias("success"), pl.lit(rows).alias("element_count"))
        .select(list(CHECKS_SCHEMA))
        .cast(CHECKS_SCHEMA)
    )
