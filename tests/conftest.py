"""Shared fixtures: real warehouses (DuckDB file, PostgreSQL database), configs, seeded days."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import sqlalchemy as sa
import yaml

from llmqa.config import Config, load_config
from llmqa.warehouse import Warehouse

REPO = Path(__file__).resolve().parent.parent

# One throwaway Airflow home for the whole session, set before anything imports Airflow.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="llmqa-airflow-")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "dags")
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "False"
PG_ADMIN_URL = os.environ.get("LLMQA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("LLMQA_REQUIRE_SERVICES") == "1"
DAY = dt.date(2026, 11, 22)


def skip_or_fail(reason: str) -> None:
    """Skip on a laptop that lacks a service; fail where CI said every service must be there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (LLMQA_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


def _postgres_url() -> str:
    """Create a throwaway PostgreSQL database and return its URL."""
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"llmqa_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except (sa.exc.OperationalError, ModuleNotFoundError) as error:
        skip_or_fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {error}")
    finally:
        admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _drop_postgres(url: str) -> None:
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")
    admin.dispose()


@pytest.fixture(params=["duckdb", "postgresql"])
def warehouse_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty warehouse URL: a DuckDB file, then a PostgreSQL database."""
    if request.param == "duckdb":
        yield f"duckdb:///{tmp_path / 'warehouse.duckdb'}"
        return
    url = _postgres_url()
    yield url
    _drop_postgres(url)


@pytest.fixture
def duckdb_url(tmp_path: Path) -> str:
    """A fresh DuckDB file URL, for tests that need only the embedded warehouse."""
    return f"duckdb:///{tmp_path / 'warehouse.duckdb'}"


def config_dict(url: str, report_dir: Path, **overrides: Any) -> dict[str, Any]:
    """The repository's demo config pointed at another warehouse and report folder."""
    data = yaml.safe_load((REPO / "llmqa.yaml").read_text(encoding="utf-8"))
    data["warehouse"] = {"url": url}
    data["report"]["dir"] = str(report_dir)
    data.update(overrides)
    return data


def write_config(path: Path, data: dict[str, Any]) -> Path:
    """Write a config dict as YAML and return its path."""
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def app_day_traces(wh: Warehouse, app_id: str) -> pl.DataFrame:
    """The traces table's rows of `app_id` on DAY, as stored, in trace_id order."""
    start = dt.datetime.combine(DAY, dt.time())
    sql = f"SELECT * FROM {wh.quote(wh.traces.table)} WHERE app_id = :app AND ts >= :start AND ts < :end"
    return wh.read(
        f"{sql} ORDER BY trace_id", {"app": app_id, "start": start, "end": start + dt.timedelta(days=1)}
    )


def evaluated_partition(wh: Warehouse, app_id: str) -> dict[str, pl.DataFrame]:
    """Every table the evaluate stage writes, for (DAY, app_id), rows in a stable order."""
    from llmqa.pipeline import EVALUATED_TABLES

    tables = {}
    for table in (*EVALUATED_TABLES, "llmqa_daily_metrics", "llmqa_runs"):
        frame = wh.read(
            f"SELECT * FROM {table} WHERE day = :day AND app_id = :app", {"day": DAY, "app": app_id}
        )
        tables[table] = frame.sort(frame.columns, nulls_last=True)
    return tables


@pytest.fixture
def config_path(warehouse_url: str, tmp_path: Path) -> Path:
    """A config file for the demo apps on the parametrised warehouse."""
    return write_config(tmp_path / "llmqa.yaml", config_dict(warehouse_url, tmp_path / "reports"))


@pytest.fixture
def config(config_path: Path) -> Config:
    """The loaded demo config on the parametrised warehouse."""
    return load_config(config_path)


@pytest.fixture
def seeded(config: Config) -> Warehouse:
    """The parametrised warehouse holding 3 days of synthetic traces ending on DAY."""
    from llmqa.seed import seed_warehouse

    wh = Warehouse(config.warehouse.resolved_url(), config.traces)
    seed_warehouse(wh, DAY, days=3, traces_per_day=700, seed=11)
    wh.create_schema()
    return wh


@pytest.fixture(scope="session")
def airflow_db() -> str:
    """A migrated Airflow metadata database (SQLite) in the session's Airflow home."""
    subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"], check=True, capture_output=True, text=True
    )
    return os.environ["AIRFLOW_HOME"]
