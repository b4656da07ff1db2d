"""Warehouse.write appends frames in bulk: named columns only, and without holding what it wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from llmqa.warehouse import Warehouse

DAY = dt.date(2026, 11, 22)
CHUNK_ROWS = 400_000
CHUNKS = 8


def _resident_mb() -> float:
    """This process's resident set now (Linux), in MB."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def _scores(chunk: int, rows: int) -> pl.DataFrame:
    """`rows` score rows of trace ids no other chunk has, one in five with a reason."""
    i = pl.int_range(rows, eager=True)
    return pl.select(
        day=pl.lit(DAY),
        app_id=pl.lit("support-bot"),
        trace_id=pl.format("t{}-{}", pl.lit(chunk), i // 24),
        evaluator=pl.format("evaluator_{}", i % 24),
        score=i / rows,
        passed=i % 10 > 0,
        reason=pl.when(i % 5 == 0).then(pl.format("unsupported: term{}, other", i)),
    )


@pytest.fixture
def wh(warehouse_url: str) -> Warehouse:
    warehouse = Warehouse(warehouse_url)
    warehouse.create_schema()
    return warehouse


def test_columns_the_frame_lacks_are_written_as_null(wh: Warehouse) -> None:
    with wh.begin() as conn:
        wh.write(conn, "llmqa_scores", _scores(0, 48))
    stored = wh.read("SELECT prompt_version, model, reason FROM llmqa_scores", {})
    assert stored.height == 48
    assert stored["prompt_version"].null_count() == stored["model"].null_count() == 48
    assert stored["reason"].null_count() == 48 - 48 // 5 - 1


def test_a_column_the_table_lacks_is_refused_by_name(wh: Warehouse) -> None:
    frame = _scores(0, 24).with_columns(pl.lit(1).alias("not_a_column"))
    with pytest.raises(Exception, match="not_a_column"), wh.begin() as conn:
        wh.write(conn, "llmqa_scores", frame)
    assert wh.read("SELECT COUNT(*) AS n FROM llmqa_scores", {})["n"][0] == 0


def test_a_transaction_writing_chunk_after_chunk_does_not_hold_the_chunks_in_memory(tmp_path: Path) -> None:
    wh = Warehouse(f"duckdb:///{tmp_path / 'warehouse.duckdb'}")
    wh.create_schema()
    resident = []
    with wh.begin() as conn:
        for chunk in range(CHUNKS):
            frame = _scores(chunk, CHUNK_ROWS)
            size_mb = frame.to_arrow().nbytes / 2**20
            wh.write(conn, "llmqa_scores", frame)
            del frame
            resident.append(_resident_mb())
    assert wh.read("SELECT COUNT(*) AS n FROM llmqa_scores", {})["n"][0] == CHUNKS * CHUNK_ROWS
    # the first two chunks warm the allocator; holding chunks would add one chunk's data per later chunk
    held = (CHUNKS - 2) * size_mb
    assert resident[-1] - resident[1] < held / 2, (resident, size_mb)


def test_a_table_in_another_schema_with_an_odd_name_is_written(wh: Warehouse) -> None:
    with wh.begin() as conn:
        conn.exec_driver_sql(
            'CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw."LLM-calls" (trace_id TEXT, n INTEGER)'
        )
    with wh.begin() as conn:
        wh.write(conn, "raw.LLM-calls", pl.DataFrame({"n": [1, 2], "trace_id": ["a", "b"]}))
    stored = wh.read('SELECT trace_id, n FROM raw."LLM-calls" ORDER BY n', {})
    assert stored.rows() == [("a", 1), ("b", 2)]
