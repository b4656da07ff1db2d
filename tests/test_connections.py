"""The warehouse named by an Airflow connection id, defined the way deployments do: AIRFLOW_CONN_* variables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from llmqa.config import load_config
from llmqa.connections import open_warehouse
from tests.conftest import config_dict, write_config


def _airflow_connection(url: str) -> str:
    """PostgreSQL as an Airflow postgres:// URI; any other SQLAlchemy URL in the `sqlalchemy_url` extra."""
    if url.startswith("postgresql+psycopg://"):
        return url.replace("postgresql+psycopg://", "postgres://")
    return json.dumps({"conn_type": "generic", "extra": {"sqlalchemy_url": url}})


def test_the_warehouse_comes_from_the_named_airflow_connection(
    warehouse_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIRFLOW_CONN_LLMQA_WAREHOUSE", _airflow_connection(warehouse_url))
    data = config_dict(
        warehouse_url, tmp_path / "reports", warehouse={"url": None, "airflow_conn_id": "llmqa_warehouse"}
    )

    wh = open_warehouse(load_config(write_config(tmp_path / "llmqa.yaml", data)))
    wh.create_schema()

    engine = sa.create_engine(warehouse_url)
    assert "llmqa_scores" in sa.inspect(engine).get_table_names()
    engine.dispose()
