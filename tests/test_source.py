"""Pulling traces: exactly [day, day + 1) UTC, one app, column names mapped, on every warehouse."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from llmqa.config import TracesConfig
from llmqa.conform import CONFORM_COLUMN
from llmqa.contract import TRACE_SCHEMA
from llmqa.source import SourceError, apps_in_day, pull_traces
from llmqa.warehouse import Warehouse
from tests.conftest import DAY


def _rows(stamps: list[dt.datetime], app_id: str = "a") -> pl.DataFrame:
    base = {c: None for c in TRACE_SCHEMA}
    rows = [base | {"trace_id": f"t{i}", "ts": ts, "app_id": app_id, "prompt_version": "v1", "model": "m",
                    "output": "ok", "status": "ok"} for i, ts in enumerate(stamps)]  # fmt: skip
    return pl.DataFrame(rows, schema=TRACE_SCHEMA)


def _load(wh: Warehouse, frame: pl.DataFrame) -> None:
    wh.create_traces_table()
    with wh.begin() as conn:
        wh.write(conn, wh.traces.table, frame)


def test_pulls_exactly_the_utc_day(warehouse_url: str) -> None:
    wh = Warehouse(warehouse_url)
    start = dt.datetime.combine(DAY, dt.time())
    stamps = [start - dt.timedelta(microseconds=1), start, start + dt.timedelta(hours=23, minutes=59, seconds=59, microseconds=999_999), start + dt.timedelta(days=1)]  # fmt: skip
    _load(wh, _rows(stamps))
    pulled = pull_traces(wh, DAY, "a")
    assert sorted(pulled["trace_id"]) == ["t1", "t2"]


def test_pulls_only_the_requested_app(warehouse_url: str) -> None:
    wh = Warehouse(warehouse_url)
    noon = dt.datetime.combine(DAY, dt.time(12))
    _load(wh, pl.concat([_rows([noon], "a"), _rows([noon], "b").with_columns(pl.lit("x").alias("trace_id"))]))
    assert pull_traces(wh, DAY, "b")["trace_id"].to_list() == ["x"]
    assert apps_in_day(wh, DAY) == ["a", "b"]


def test_an_app_id_full_of_sql_is_only_ever_a_value(warehouse_url: str) -> None:
    wh = Warehouse(warehouse_url)
    evil = "x'; DROP TABLE llm_traces; --"
    _load(wh, _rows([dt.datetime.combine(DAY, dt.time(9))], evil))
    assert pull_traces(wh, DAY, evil).height == 1
    assert pull_traces(wh, DAY, "a").height == 0


def test_mapped_column_names_are_read_as_the_contract(warehouse_url: str) -> None:
    traces = TracesConfig(table="calls", columns={"ts": "created_at", "output": "answer"})
    wh = Warehouse(warehouse_url, traces)
    with wh.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE calls (trace_id TEXT, created_at TIMESTAMP, app_id TEXT, prompt_version TEXT, "
            "model TEXT, answer TEXT, status TEXT)"
        )
        conn.exec_driver_sql(
            f"INSERT INTO calls VALUES ('t1', '{DAY} 08:00:00', 'a', 'v1', 'm', 'hello', 'ok')"
        )
    pulled = pull_traces(wh, DAY, "a")
    assert pulled.columns == [*TRACE_SCHEMA, CONFORM_COLUMN]  # plus why a value would not convert
    assert pulled.row(0, named=True)["output"] == "hello"
    assert pulled.row(0, named=True)["context"] is None


def test_a_missing_required_column_is_named(warehouse_url: str) -> None:
    wh = Warehouse(warehouse_url)
    with wh.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE llm_traces (trace_id TEXT, ts TIMESTAMP, app_id TEXT)")
    with pytest.raises(SourceError, match="prompt_version"):
        pull_traces(wh, DAY, "a")


def test_a_missing_table_is_a_clear_error(warehouse_url: str) -> None:
    with pytest.raises(SourceError, match="cannot read traces table 'llm_traces'"):
        pull_traces(Warehouse(warehouse_url), DAY, "a")
