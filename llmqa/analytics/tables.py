"""Shaping analysis results into their result tables, and the few words findings share."""

from __future__ import annotations

import datetime as dt

import polars as pl


def stamp(frame: pl.DataFrame, day: dt.date, app_id: str, schema: pl.Schema) -> pl.DataFrame:
    """Tag rows with their (day, app) and give them exactly the columns and types of `schema`."""
    tagged = frame.with_columns(pl.lit(day).alias("day"), pl.lit(app_id).alias("app_id"))
    return tagged.select(list(schema)).cast(schema)


def usd(amount: float) -> str:
    """Dollars with cents, or four decimals below a dollar so small spends do not read as $0.00."""
    return f"${amount:,.2f}" if abs(amount) >= 1 else f"${amount:.4f}"
