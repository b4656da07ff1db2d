"""SQL hidden in identifiers from the config (table and column names) changes nothing in the database:
identifiers are quoted, values bound. (SQL in app ids and prompt versions from the data: the
`sql-in-identifiers` case of the hostile corpus.)"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from llmqa.config import load_config
from llmqa.contract import TRACE_SCHEMA
from llmqa.pipeline import StageError, run_day
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, config_dict, write_config
from tests.hostile.cases import row

INJECTIONS = ['llm_traces"; DROP TABLE llm_traces; --', "llm_traces'; DROP TABLE llm_traces; --"]


def _day_of_traces(url: str) -> Warehouse:
    wh = Warehouse(url)
    wh.create_traces_table()
    wh.create_schema()
    rows = [row(f"t{i}") | {"app_id": "docs-qa"} for i in range(5)]
    with wh.begin() as conn:
        wh.write(conn, "llm_traces", pl.DataFrame(rows, schema=TRACE_SCHEMA))
    return wh


def _tables(wh: Warehouse) -> int:
    return int(wh.read("SELECT COUNT(*) AS n FROM llm_traces", {})["n"][0])


@pytest.mark.parametrize("table", INJECTIONS)
def test_a_table_name_full_of_sql_is_only_a_name(warehouse_url: str, tmp_path: Path, table: str) -> None:
    wh = _day_of_traces(warehouse_url)
    data = config_dict(warehouse_url, tmp_path / "reports", traces={"table": table})
    cfg = load_config(write_config(tmp_path / "llmqa.yaml", data))
    with pytest.raises(StageError, match="cannot read traces table"):
        run_day(cfg, Warehouse(warehouse_url, cfg.traces), DAY, ["docs-qa"])
    assert _tables(wh) == 5


def test_a_mapped_column_full_of_sql_is_only_a_name(warehouse_url: str, tmp_path: Path) -> None:
    wh = _day_of_traces(warehouse_url)
    columns = {"output": 'output" FROM llm_traces; DROP TABLE llm_traces; --', "context": INJECTIONS[1]}
    data = config_dict(
        warehouse_url, tmp_path / "reports", traces={"table": "llm_traces", "columns": columns}
    )
    cfg = load_config(write_config(tmp_path / "llmqa.yaml", data))
    with pytest.raises(StageError, match=r"traces\.columns\.context: table 'llm_traces' has no column"):
        run_day(cfg, Warehouse(warehouse_url, cfg.traces), DAY, ["docs-qa"])
    assert _tables(wh) == 5
