"""The evaluate stage in bounded chunks writes exactly what it writes in one chunk, duplicates included."""

from __future__ import annotations

import polars as pl

from llmqa.config import Config
from llmqa.pipeline import evaluate_app_day
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, app_day_traces, evaluated_partition

APP = "support-bot"


def _add_duplicates(wh: Warehouse) -> None:
    """Append, a second later, new versions of three of the day's traces (one of them twice)."""
    day = app_day_traces(wh, APP)
    again = day.head(3).vstack(day.head(1))
    again = again.with_columns(
        pl.concat_str(pl.col("output"), pl.lit(" (again)")), pl.col("ts") + pl.duration(seconds=1)
    )
    with wh.begin() as conn:
        wh.write(conn, wh.traces.table, again)


def test_seven_row_chunks_write_the_same_tables_as_one_chunk(config: Config, seeded: Warehouse) -> None:
    _add_duplicates(seeded)
    evaluate_app_day(config, seeded, DAY, APP)
    whole = evaluated_partition(seeded, APP)
    chunked = Warehouse(seeded.url, config.traces.model_copy(update={"chunk_rows": 7}))
    evaluate_app_day(config, chunked, DAY, APP)
    assert whole["llmqa_quarantine"]["reason"].str.contains("duplicate trace_id").sum() >= 4
    assert whole["llmqa_examples"].height > 0
    for table, frame in evaluated_partition(seeded, APP).items():
        assert frame.equals(whole[table]), table
