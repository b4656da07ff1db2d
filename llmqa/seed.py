"""Filling a warehouse with synthetic traces for the demo and the tests."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from llmqa.source import day_window
from llmqa.synthetic import generate_traces
from llmqa.warehouse import Warehouse


def seed_warehouse(
    wh: Warehouse, end_day: dt.date, *, days: int = 16, traces_per_day: int = 3000, seed: int = 7
) -> int:
    """Replace the traces of the `days` days ending on `end_day` with synthetic ones; returns the count."""
    traces = generate_traces(end_day, days=days, traces_per_day=traces_per_day, seed=seed)
    wh.create_traces_table()
    start = day_window(end_day - dt.timedelta(days=days - 1))[0]
    end = day_window(end_day)[1]
    sql = wh.render("delete_traces_range", traces=wh.quote(wh.traces.table), ts=wh.quote("ts"))
    with wh.begin() as conn:
        conn.execute(sa.text(sql), {"start": start, "end": end})
        wh.write(conn, wh.traces.table, traces)
    return traces.height
