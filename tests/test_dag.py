"""The Airflow DAG: it parses cleanly, and a real run of it writes the day's results."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DAY, REPO, config_dict, write_config


def _dagbag(config: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("LLMQA_CONFIG", str(config))
    return DagBag(dag_folder=str(REPO / "dags"))


def test_every_dag_file_imports_without_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    bag = _dagbag(REPO / "llmqa.yaml", monkeypatch)
    assert bag.import_errors == {}
    assert {"llmqa_daily", "llmqa_regression"} <= set(bag.dag_ids)


def test_importing_llmqa_does_not_import_airflow() -> None:
    modules = (
        "llmqa, llmqa.pipeline, llmqa.cli, llmqa.orchestration, llmqa.airflow_callbacks, llmqa.regression_set"
    )
    code = f"import sys, {modules}; print('airflow' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "False"


def test_a_task_starts_without_loading_scipy_stats_or_scikit_learn() -> None:
    """Each mapped task imports llmqa.orchestration; the statistics libraries load only in the stages using them."""
    heavy = "('scipy.stats', 'scipy.sparse', 'sklearn')"
    code = f"import sys, llmqa.orchestration; print([m for m in sys.modules if m.startswith({heavy})])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


PARSE_WITHOUT_NETWORK = """
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access at parse time")

socket.socket.connect = socket.socket.connect_ex = refuse
from airflow.dag_processing.dagbag import DagBag

bag = DagBag(dag_folder=sys.argv[1])
print(json.dumps({"errors": {str(k): v for k, v in bag.import_errors.items()}, "dags": sorted(bag.dag_ids),
                  "seconds": {s.file: s.duration.total_seconds() for s in bag.dagbag_stats}}))
"""


def test_dag_files_parse_in_under_a_second_without_database_or_network(tmp_path: Path) -> None:
    unreachable = "nobody@127.0.0.1:9/none"
    env = {**os.environ, "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg://{unreachable}",
           "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": f"postgresql+psycopg_async://{unreachable}",
           "LLMQA_CONFIG": str(tmp_path / "absent.yaml")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", PARSE_WITHOUT_NETWORK, str(REPO / "dags")],
        capture_output=True, text=True, check=True, cwd=REPO, env=env,
    )  # fmt: skip
    parsed = json.loads(result.stdout.strip().splitlines()[-1])
    assert parsed["errors"] == {}
    assert parsed["dags"] == ["llmqa_daily", "llmqa_regression"]
    # Airflow's dag processor times out a file after 30 s; 1 s (the bound) leaves room on a busy CI box.
    assert max(parsed["seconds"].values()) < 1.0, parsed["seconds"]


@pytest.mark.usefixtures("airflow_db")
def test_a_dag_run_processes_the_day_before_its_logical_date_fanning_out_per_prompt_version(
    warehouse_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.utils.state import DagRunState, TaskInstanceState

    from llmqa.config import load_config
    from llmqa.seed import seed_warehouse
    from llmqa.source import prompt_versions_in_day
    from llmqa.warehouse import Warehouse

    data = config_dict(warehouse_url, tmp_path / "reports")
    data["apps"]["support-bot"]["fan_out"] = "prompt_version"
    config = write_config(tmp_path / "llmqa.yaml", data)
    cfg = load_config(config)
    wh = Warehouse(warehouse_url, cfg.traces)
    seed_warehouse(wh, DAY, days=2, traces_per_day=300, seed=3)
    versions = [v.value for v in prompt_versions_in_day(wh, DAY, "support-bot")]

    dag = _dagbag(config, monkeypatch).get_dag("llmqa_daily")
    run = dag.test(logical_date=dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(4), dt.UTC))

    assert run.state == DagRunState.SUCCESS
    instances = run.get_task_instances()
    assert {ti.state for ti in instances} == {TaskInstanceState.SUCCESS}
    evaluated = sorted(ti.rendered_map_index for ti in instances if ti.task_id == "evaluate")
    assert evaluated == sorted(
        ["code-assistant", "docs-qa", "sales-email"] + [f"support-bot {v}" for v in versions]
    )
    assert sorted(ti.map_index for ti in instances if ti.task_id == "summarise") == [0, 1, 2, 3]
    days = wh.read("SELECT DISTINCT day FROM llmqa_daily_metrics", {})["day"].to_list()
    assert days == [DAY]
    assert (tmp_path / "reports" / DAY.isoformat() / "index.html").is_file()
