"""The warehouse connection drops in the middle of a stage: a clear error naming the stage, nothing
half-written visible (each stage commits once), and a rerun that completes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from llmqa.config import Config
from llmqa.orchestration import run_stage
from llmqa.pipeline import StageError, run_day
from llmqa.warehouse import Warehouse
from tests.conftest import DAY
from tests.test_pipeline import snapshot

APP = "support-bot"


@contextmanager
def connection_dropped_at(wh: Warehouse, marker: str) -> Iterator[list[str]]:
    """Drop the connection as it is about to run the first statement containing `marker`.

    On PostgreSQL the server really ends the session (pg_terminate_backend from another connection);
    DuckDB has no server, so the statement fails as a lost connection would.
    """
    dropped: list[str] = []

    def drop(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if dropped or marker not in statement:
            return
        dropped.append(statement)
        if wh.dialect != "postgresql":
            raise sa.exc.OperationalError(statement, {}, ConnectionError("connection to the warehouse lost"))
        admin = sa.create_engine(wh.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as other:
            other.execute(
                sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": cursor.connection.info.backend_pid}
            )
        admin.dispose()

    sa.event.listen(sa.Engine, "before_cursor_execute", drop)  # every engine, also those a task opens
    try:
        yield dropped
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", drop)


def partition(wh: Warehouse) -> dict[str, Any]:
    """Every result table's rows of APP on DAY."""
    return {t: f.filter(f["app_id"] == APP) if "app_id" in f.columns else f for t, f in snapshot(wh).items()}


def test_a_drop_mid_stage_fails_the_task_naming_the_stage_and_leaves_the_last_complete_results(
    config_path: Path, config: Config, seeded: Warehouse
) -> None:
    run_day(config, seeded, DAY, [APP])
    before = partition(seeded)
    segment = {"day": DAY.isoformat(), "app_id": APP}
    with connection_dropped_at(seeded, '"llmqa_scores"') as dropped, pytest.raises(StageError) as failed:
        run_stage(str(config_path), "evaluate", segment)  # what the Airflow task runs
    assert dropped, "the fault was never injected"
    assert "stage 'evaluate' failed for app 'support-bot' on 2026-11-22" in str(failed.value)
    after = partition(seeded)
    for table, rows in before.items():
        assert after[table].equals(rows), f"{table} shows a half-done rerun"
    run_day(config, seeded, DAY, [APP])
    assert [t for t, rows in partition(seeded).items() if not before[t].equals(rows)] == []


def test_a_drop_on_the_first_run_leaves_nothing_behind_and_a_rerun_completes(
    config: Config, seeded: Warehouse
) -> None:
    with connection_dropped_at(seeded, '"llmqa_drift"'), pytest.raises(StageError, match="stage 'drift'"):
        run_day(config, seeded, DAY, [APP])
    stages = seeded.read("SELECT stage FROM llmqa_runs WHERE app_id = :a", {"a": APP})["stage"].to_list()
    assert sorted(stages) == [
        "evaluate",
        "evaluate[*]",
    ]  # the stage before committed; the failed one wrote nothing
    assert seeded.read("SELECT COUNT(*) AS n FROM llmqa_drift", {})["n"][0] == 0
    run_day(config, seeded, DAY, [APP])
    complete = partition(seeded)
    run_day(config, seeded, DAY, [APP])
    assert all(complete[t].equals(rows) for t, rows in partition(seeded).items())
