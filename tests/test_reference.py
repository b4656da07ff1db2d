"""Valid traces read back after the evaluate stage: exactly the rows validation kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any

import polars as pl

from llmqa.config import parse_config
from llmqa.contract import TRACE_COLUMNS, TRACE_SCHEMA
from llmqa.drift.features import COLUMNS_READ
from llmqa.pipeline import evaluate_app_day
from llmqa.reference import valid_trace_chunks
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, config_dict


def _valid_traces(
    wh: Warehouse, app_id: str, first: dt.date, last: dt.date, wanted: Collection[str] = TRACE_COLUMNS
) -> pl.DataFrame:
    """Every chunk `valid_trace_chunks` yields, in one frame."""
    return pl.concat(list(valid_trace_chunks(wh, app_id, first, last, wanted)))


NOON = dt.datetime.combine(DAY, dt.time(12))


def _row(trace_id: str, output: str, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {c: None for c in TRACE_SCHEMA}
    row |= {"trace_id": trace_id, "ts": NOON, "app_id": "docs-qa", "prompt_version": "v1", "model": "m",
            "output": output, "status": "ok", "latency_ms": 10.0, "prompt_tokens": 5}  # fmt: skip
    return row | changes


def _evaluated(warehouse_url: str, tmp_path: Path, rows: list[dict[str, Any]]) -> Warehouse:
    cfg = parse_config(config_dict(warehouse_url, tmp_path / "reports"))
    wh = Warehouse(warehouse_url)
    wh.create_traces_table()
    wh.create_schema()
    with wh.begin() as conn:
        wh.write(conn, "llm_traces", pl.DataFrame(rows, schema=TRACE_SCHEMA))
    evaluate_app_day(cfg, wh, DAY, "docs-qa")
    return wh


def _kept(warehouse_url: str, tmp_path: Path, rows: list[dict[str, Any]]) -> list[str | None]:
    wh = _evaluated(warehouse_url, tmp_path, rows)
    return sorted(_valid_traces(wh, "docs-qa", DAY, DAY)["output"].to_list())


def test_a_duplicate_id_keeps_the_copy_validation_kept(warehouse_url: str, tmp_path: Path) -> None:
    rows = [_row("t1", "first"), _row("t1", "second", ts=NOON + dt.timedelta(seconds=1)), _row("t2", "other")]
    assert _kept(warehouse_url, tmp_path, rows) == ["first", "other"]


def test_a_duplicate_that_also_breaks_a_rule_leaves_the_valid_copy(
    warehouse_url: str, tmp_path: Path
) -> None:
    rows = [_row("t1", "good"), _row("t1", "bad", latency_ms=-1.0), _row("t2", "other", status="exploded")]
    assert _kept(warehouse_url, tmp_path, rows) == ["good"]


def test_exact_copies_keep_one(warehouse_url: str, tmp_path: Path) -> None:
    rows = [_row("t1", "same"), _row("t1", "same"), _row("t2", "other")]
    assert _kept(warehouse_url, tmp_path, rows) == ["other", "same"]


def test_reading_only_the_columns_drift_wants_keeps_the_same_rows(warehouse_url: str, tmp_path: Path) -> None:
    later = NOON + dt.timedelta(seconds=1)
    rows = [
        _row("t1", "same", context="passage A"), _row("t1", "same", context="passage B"),
        _row("t2", "good"), _row("t2", "bad", latency_ms=-1.0),
        _row("t3", "first"), _row("t3", "second", ts=later),
        _row("t4", "other", metadata="{not json"), _row("t5", "fine", context="passage C"),
    ]  # fmt: skip
    wh = _evaluated(warehouse_url, tmp_path, rows)
    whole = _valid_traces(wh, "docs-qa", DAY, DAY).select(COLUMNS_READ)
    narrow = _valid_traces(wh, "docs-qa", DAY, DAY, COLUMNS_READ)
    assert narrow["context"].null_count() == narrow.height
    assert sorted(whole["output"]) == ["fine", "first", "good", "same"]
    assert narrow.select(COLUMNS_READ).sort("trace_id").equals(whole.sort("trace_id"))
