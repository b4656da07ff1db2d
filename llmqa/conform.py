"""Conforming a pulled batch to the trace contract's types before validation.

Warehouses hold what writers put there: numbers stored as text, fractions in token counts,
timestamps with a zone, bytes that are not UTF-8. Each column is coerced to its contract type;
a value that cannot be is set to null and its row gets a reason ("latency_ms is not a number")
in `CONFORM_COLUMN`, so validation quarantines the row instead of losing the value silently.
"""

from __future__ import annotations

import re

import polars as pl

from llmqa.contract import TRACE_SCHEMA

CONFORM_COLUMN = "_conform"
JSON_COLUMNS = ("context", "metadata")
# \ud800 alone is valid JSON text but no character: Python reads it, polars and Arrow refuse it.
_HIGH, _LOW = r"\\u[dD][89abAB][0-9a-fA-F]{2}", r"\\u[dD][c-fC-F][0-9a-fA-F]{2}"
_LONE_SURROGATE = re.compile(rf"{_HIGH}(?!{_LOW})|(?<!{_HIGH}){_LOW}")
_NOUN = {pl.Float64: "a number", pl.Int64: "a whole number", pl.Datetime: "a timestamp"}


def _decode(value: bytes | str | None) -> str | None:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


def _coerce(values: pl.Series, target: pl.DataType) -> pl.Series:
    """`values` as `target`; what cannot be converted becomes null."""
    source = values.dtype
    if source == target or source == pl.Null:
        return values.cast(target)
    if target == pl.String:
        if source == pl.Binary or source == pl.Object:
            return values.map_elements(_decode, return_dtype=pl.String, skip_nulls=True)
        return values.cast(pl.String)
    if isinstance(target, pl.Datetime):
        if source == pl.String:
            values = values.str.strip_chars().str.to_datetime(time_unit="us", time_zone="UTC", strict=False)
        if isinstance(values.dtype, pl.Datetime) and values.dtype.time_zone is not None:
            values = values.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
        return values.cast(target, strict=False)
    if source == pl.String:
        values = values.str.strip_chars().cast(pl.Float64, strict=False)
    if target == pl.Int64 and values.dtype.is_float():
        whole = pl.col(values.name)
        values = values.to_frame().select(pl.when(whole.round() == whole).then(whole)).to_series()
    return values.cast(target, strict=False)


def _without_lone_surrogates(values: pl.Series) -> pl.Series:
    """JSON text whose lone-surrogate escapes are replaced by the replacement character's escape."""
    rows = values.str.contains(r"\\[uU][dD][89a-fA-F]").fill_null(False).arg_true()
    if rows.len() == 0:
        return values
    fixed = [_LONE_SURROGATE.sub(r"\\ufffd", text) for text in values.gather(rows)]
    return values.scatter(rows, fixed)


def conform(batch: pl.DataFrame) -> pl.DataFrame:
    """The batch in the contract's column types, with the reasons of values that would not convert."""
    columns, problems = [], []
    for name, target in TRACE_SCHEMA.items():
        raw = batch[name] if name in batch.columns else pl.Series(name, [None] * batch.height)
        coerced = _coerce(raw, target).alias(name)
        lost = raw.is_not_null() & coerced.is_null()
        if lost.any():
            noun = _NOUN.get(target.base_type(), str(target))
            problems.append(pl.when(lost).then(pl.lit(f"{name} is not {noun}")))
        columns.append(_without_lone_surrogates(coerced) if name in JSON_COLUMNS else coerced)
    reasons = pl.concat_str(problems, separator="; ", ignore_nulls=True) if problems else pl.lit("")
    return pl.DataFrame(columns).with_columns(
        pl.when(reasons != "").then(reasons).cast(pl.String).alias(CONFORM_COLUMN)
    )
