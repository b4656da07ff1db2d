"""Two runs of the same day at once, as two real processes: the result tables hold what one run
writes, not twice that (PostgreSQL: a per-(day, app) advisory lock; DuckDB: the second process
waits for the file)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from llmqa.config import Config
from llmqa.pipeline import run_day
from llmqa.seed import seed_warehouse
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, REPO
from tests.test_pipeline import RESULT_TABLES, snapshot

APP = "code-assistant"


def _run(config_path: Path) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-m",
        "llmqa",
        "--config",
        str(config_path),
        "run",
        "--day",
        str(DAY),
        "--app",
        APP,
    ]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_runs_of_a_day_at_once_write_each_row_once(config_path: Path, config: Config) -> None:
    wh = Warehouse(config.warehouse.resolved_url(), config.traces)
    seed_warehouse(wh, DAY, days=2, traces_per_day=150, seed=5)
    run_day(config, wh, DAY, [APP])
    alone = snapshot(wh)
    wh.engine.dispose()
    first, second = _run(config_path), _run(config_path)
    for process in (first, second):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    together = snapshot(wh)
    assert alone["llmqa_scores"].height > 0
    for table in RESULT_TABLES:
        assert together[table].equals(alone[table]), table
