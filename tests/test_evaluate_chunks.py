"""The evaluate stage in bounded chunks writes exactly what it writes in one chunk, duplicates included."""

from __future__ import annotations

import polars as pl

from llmqa.config import Config
from llmqa.pipeline import EVALUATED_TABLES, evaluate_app_day
from llmqa.source import day_window
from llmqa.warehouse import Warehouse
from tests.conftest import DAY

APP = "support-bot"
TABLES = (*EVALUATED_TABLES, "llmqa_daily_metrics", "llmqa_runs")


def _add_duplicates(wh: Warehouse) -> None:
    """Append, after every other row, new versions of three of the day's traces (one of them twice)."""
    start, end = day_window(DAY)
    table = wh.quote(wh.traces.table)
    day = wh.read(f"SELECT * FROM {table} WHERE app_id = :app AND ts >= :start AND ts < :end",
                  {"app": APP, "start": start, "end": end})  # fmt: skip
    again = day.head(3).vstack(day.head(1)).with_columns(pl.concat_str(pl.col("output"), pl.lit(" (again)")))
    with wh.begin() as conn:
        wh.write(conn, wh.traces.table, again)


def _partition(wh: Warehouse) -> dict[str, pl.DataFrame]:
    tables = {}
    for table in TABLES:
        frame = wh.read(f"SELECT * FROM {table} WHERE day = :day AND app_id = :app", {"day": DAY, "app": APP})
        tables[table] = frame.sort(frame.columns, nulls_last=True)
    return tables


def test_seven_row_chunks_write_the_same_tables_as_one_chunk(config: Config, seeded: Warehouse) -> None:
    _add_duplicates(seeded)
    evaluate_app_day(config, seeded, DAY, APP)
    whole = _partition(seeded)
    chunked = Warehouse(seeded.url, config.traces.model_copy(update={"chunk_rows": 7}))
    evaluate_app_day(config, chunked, DAY, APP)
    assert whole["llmqa_quarantine"]["reason"].str.contains("duplicate trace_id").sum() >= 4
    assert whole["llmqa_examples"].height > 0
    for table, frame in _partition(seeded).items():
        assert frame.equals(whole[table]), table
