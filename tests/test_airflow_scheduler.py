"""A real scheduler: `airflow standalone` on a PostgreSQL metadata database with the LocalExecutor
backfills three days of llmqa_daily against a PostgreSQL warehouse, one app fanned out per prompt
version, and gets what `llmqa backfill` gets evaluating every app whole.

Slow by nature (Airflow takes about a minute to come up); CI runs it, like every other test.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest
import sqlalchemy as sa

from llmqa.cli import main
from llmqa.config import load_config
from llmqa.seed import seed_warehouse
from llmqa.source import prompt_versions_in_day
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, PG_ADMIN_URL, REPO, _drop_postgres, _postgres_url, config_dict, write_config

DAYS = [DAY - dt.timedelta(days=2), DAY - dt.timedelta(days=1), DAY]
BIN = Path(sys.executable).parent
STARTUP_SECONDS = 300
RUN_SECONDS = 900
FANNED_OUT = "support-bot"  # evaluated per prompt version under Airflow; the command line evaluates it whole


@dataclass(frozen=True)
class Backfill:
    """The metadata database, both warehouses and the report folders once both sides have run."""

    metadata_url: str
    airflow_warehouse: str
    cli_warehouse: str
    airflow_reports: Path
    cli_reports: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _airflow_env(home: Path, metadata_url: str, warehouse_url: str, config: Path) -> dict[str, str]:
    """A throwaway Airflow: its own home, PostgreSQL metadata, LocalExecutor, free ports, the repo's dags/."""
    port = _free_port()
    metadata = metadata_url.removeprefix("postgresql+psycopg://")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "LLMQA_"))}
    return env | {
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg://{metadata}",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": f"postgresql+psycopg_async://{metadata}",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": f"http://localhost:{port}",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{port}/execution/",
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port()),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(_free_port()),
        # Only the backfill's runs: no run for the latest interval when the DAG is unpaused.
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
        "AIRFLOW_CONN_LLMQA_WAREHOUSE": warehouse_url.replace("postgresql+psycopg://", "postgres://"),
        "LLMQA_CONFIG": str(config),
    }


def _airflow(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "airflow"), *args], env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"airflow {' '.join(args)}:\n{result.stderr[-3000:]}"
    return result.stdout


def _wait(what: str, seconds: float, ready: Callable[[], bool], log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(2)
    tail = log.read_text(errors="replace")[-4000:] if log.exists() else ""
    pytest.fail(f"{what} not within {seconds:.0f} s; airflow standalone said:\n{tail}")


def _healthy(port: str) -> bool:
    import json
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://localhost:{port}/api/v2/monitor/health", timeout=5) as answer:
            health = json.load(answer)
    except OSError:
        return False
    return all(
        health.get(part, {}).get("status") == "healthy"
        for part in ("metadatabase", "scheduler", "dag_processor")
    )


def _scalar(url: str, sql: str) -> object:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql)).scalar()
    except sa.exc.ProgrammingError:  # tables not migrated yet
        return None
    finally:
        engine.dispose()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the standalone's whole process group, and task processes that started sessions of their own."""
    import psutil

    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        for child in family:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.send_signal(sig)
        _, alive = psutil.wait_procs(family, timeout=20)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            continue
        if not alive:
            return


@pytest.fixture(scope="module")
def backfill(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backfill]:
    """Both sides run: Airflow backfills the three days; `llmqa backfill` runs them on a copy of the warehouse."""
    tmp = tmp_path_factory.mktemp("scheduler")
    metadata_url, warehouse_url = _postgres_url(), _postgres_url()
    cfg = load_config(write_config(tmp / "seed.yaml", config_dict(warehouse_url, tmp / "unused")))
    seed_warehouse(Warehouse(warehouse_url, cfg.traces), DAY, days=len(DAYS), traces_per_day=300, seed=17)
    cli_warehouse = _copy_database(warehouse_url)

    reports = tmp / "reports-airflow", tmp / "reports-cli"
    by_connection = {"url": None, "airflow_conn_id": "llmqa_warehouse"}
    airflow_side = config_dict(warehouse_url, reports[0], warehouse=by_connection)
    airflow_side["apps"][FANNED_OUT]["fan_out"] = "prompt_version"
    airflow_config = write_config(tmp / "airflow.yaml", airflow_side)
    cli_config = write_config(tmp / "cli.yaml", config_dict(cli_warehouse, reports[1]))
    env = _airflow_env(tmp / "airflow-home", metadata_url, warehouse_url, airflow_config)
    log = tmp / "standalone.log"
    with log.open("wb") as out:
        standalone = subprocess.Popen(
            [str(BIN / "airflow"), "standalone"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # The command line's side runs while Airflow starts.
        assert (
            main(["--config", str(cli_config), "backfill", "--start", str(DAYS[0]), "--end", str(DAYS[-1])])
            == 0
        )
        _wait("a healthy standalone", STARTUP_SECONDS, lambda: _healthy(env["AIRFLOW__API__PORT"]), log)
        parsed = "SELECT count(*) FROM dag WHERE dag_id = 'llmqa_daily'"
        _wait("llmqa_daily parsed", STARTUP_SECONDS, lambda: _scalar(metadata_url, parsed) == 1, log)
        _airflow(env, "pools", "set", "llmqa_llm_judge", "2", "LLM judge calls")
        _airflow(env, "dags", "unpause", "llmqa_daily")
        _airflow(env, "backfill", "create", "--dag-id", "llmqa_daily", "--max-active-runs", "1",
                 "--from-date", str(DAYS[0] + dt.timedelta(days=1)), "--to-date", str(DAYS[-1] + dt.timedelta(days=2)))  # fmt: skip
        unfinished = (
            "SELECT count(*) FROM dag_run WHERE dag_id = 'llmqa_daily' AND state NOT IN ('success', 'failed')"
        )
        _wait("three finished runs", RUN_SECONDS, lambda: _scalar(metadata_url, unfinished) == 0, log)
        yield Backfill(metadata_url, warehouse_url, cli_warehouse, *reports)
    finally:
        _stop(standalone)
        for url in (metadata_url, warehouse_url, cli_warehouse):
            _drop_postgres(url)


def _copy_database(url: str) -> str:
    """A second PostgreSQL database created from `url` as its template."""
    copy = url + "_cli"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {copy.rsplit('/', 1)[1]} TEMPLATE {url.rsplit('/', 1)[1]}")
    admin.dispose()
    return copy


def test_every_task_instance_of_the_three_runs_succeeded(backfill: Backfill) -> None:
    engine = sa.create_engine(backfill.metadata_url)
    with engine.connect() as conn:
        runs = conn.execute(
            sa.text("SELECT logical_date, state FROM dag_run WHERE dag_id = 'llmqa_daily'")
        ).all()
        states = conn.execute(
            sa.text(
                "SELECT task_id, state, count(*) FROM task_instance WHERE dag_id = 'llmqa_daily' GROUP BY 1, 2"
            )
        ).all()
    engine.dispose()
    assert sorted((r.logical_date.date() - dt.timedelta(days=1), r.state) for r in runs) == [
        (d, "success") for d in DAYS
    ]
    assert {state for _, state, _ in states} == {"success"}, states
    per_task = {task: n for task, _, n in states}
    traces = Warehouse(backfill.cli_warehouse)
    versions = sum(len(prompt_versions_in_day(traces, day, FANNED_OUT)) for day in DAYS)
    traces.engine.dispose()
    assert per_task["summarise"] == len(DAYS) * 4 and per_task["index"] == len(DAYS)  # four apps a run
    assert per_task["evaluate"] == len(DAYS) * 3 + versions > len(DAYS) * 4


def _results(url: str, reports: Path) -> dict[str, pl.DataFrame]:
    """Every llmqa result table in a stable order; the report folder in paths replaced by a placeholder."""
    wh = Warehouse(url)
    tables = sorted(t for t in sa.inspect(wh.engine).get_table_names() if t.startswith("llmqa_"))
    frames = {}
    for table in tables:
        frame = wh.read(f"SELECT * FROM {wh.quote(table)}", {}).drop("sent_at", strict=False)
        if table == "llmqa_runs":  # the records of evaluated segments: per prompt version or per app
            frame = frame.filter(~pl.col("stage").str.starts_with("evaluate["))
        text = [c for c, t in frame.schema.items() if t == pl.String]
        frame = frame.with_columns(pl.col(text).str.replace_all(str(reports), "<reports>", literal=True))
        frames[table] = frame.sort(frame.columns, nulls_last=True)
    wh.engine.dispose()
    return frames


def test_the_result_tables_equal_what_the_command_line_writes(backfill: Backfill) -> None:
    from polars.testing import assert_frame_equal

    airflow = _results(backfill.airflow_warehouse, backfill.airflow_reports)
    cli = _results(backfill.cli_warehouse, backfill.cli_reports)
    assert sorted(airflow) == sorted(cli)
    assert {"llmqa_scores", "llmqa_daily_metrics", "llmqa_drift", "llmqa_alerts"} <= set(airflow)
    assert airflow["llmqa_scores"]["day"].unique().sort().to_list() == DAYS
    for table, frame in cli.items():
        try:
            assert_frame_equal(airflow[table], frame, rel_tol=1e-9, abs_tol=1e-12)
        except AssertionError as difference:
            pytest.fail(f"{table} differs: {difference}")
    assert (backfill.airflow_reports / str(DAY) / "index.html").is_file()


def test_each_run_publishes_its_day_on_the_report_asset(backfill: Backfill) -> None:
    engine = sa.create_engine(backfill.metadata_url)
    with engine.connect() as conn:
        events = conn.execute(
            sa.text(
                "SELECT e.extra FROM asset_event e JOIN asset a ON a.id = e.asset_id WHERE a.name = 'llmqa_daily_report'"
            )
        ).scalars()
        extras = [json.loads(extra) if isinstance(extra, str) else extra for extra in events]
    engine.dispose()
    assert sorted(extra["day"] for extra in extras) == [str(day) for day in DAYS]
    assert all(extra["index"].endswith(f"{extra['day']}/index.html") for extra in extras)
