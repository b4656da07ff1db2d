"""The day's run with delivery: a Slack outage never fails it, and the next run posts each alert once."""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from llmqa.config import load_config
from llmqa.pipeline import run_day
from llmqa.redact import PII_PATTERNS
from llmqa.seed import seed_warehouse
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, REPO, config_dict, write_config


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_outage_leaves_alerts_pending_and_the_next_runs_post_them_once(
    warehouse_url: str, tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = config_dict(warehouse_url, tmp_path / "reports")
    data["slack"] |= {"max_attempts": 2, "backoff_seconds": 0.01, "report_base_url": "https://r.example/"}
    cfg = load_config(write_config(tmp_path / "llmqa.yaml", data))
    wh = Warehouse(warehouse_url, cfg.traces)
    seed_warehouse(wh, DAY, days=1, traces_per_day=600, seed=11)

    monkeypatch.setenv("LLMQA_SLACK_WEBHOOK_URL", f"http://127.0.0.1:{_closed_port()}/hook")
    run_day(cfg, wh, DAY, ["support-bot"])
    pending = wh.read("SELECT status, attempts, last_error FROM llmqa_alerts WHERE status = 'pending'", {})
    assert pending.height > 0 and set(pending["attempts"]) == {2}

    monkeypatch.setenv("LLMQA_SLACK_WEBHOOK_URL", httpserver.url_for("/hook"))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    run_day(cfg, wh, DAY, ["support-bot"])
    run_day(cfg, wh, DAY, ["support-bot"])
    [(request, _)] = httpserver.log
    assert wh.read(
        "SELECT DISTINCT status FROM llmqa_alerts WHERE kind = 'alert' AND status <> 'not_enough_data'", {}
    )["status"].to_list() == ["sent"]
    payload = request.get_data(as_text=True)
    assert not any(re.search(PII_PATTERNS[kind], payload) for kind in ("EMAIL", "CARD", "SSN"))
    assert "https://r.example/2026-11-22/support-bot--v3.html" in payload


@pytest.mark.usefixtures("airflow_db")
def test_the_dag_delivers_through_the_slack_webhook_airflow_connection(
    duckdb_url: str, tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.dag_processing.dagbag import DagBag
    from airflow.utils.state import DagRunState

    data = config_dict(duckdb_url, tmp_path / "reports")
    data["slack"] = {"airflow_conn_id": "llmqa_slack", "max_attempts": 1}
    monkeypatch.setenv("LLMQA_CONFIG", str(write_config(tmp_path / "llmqa.yaml", data)))
    seed_warehouse(Warehouse(duckdb_url), DAY, days=1, traces_per_day=300, seed=3)
    connection = {
        "conn_type": "slackwebhook",
        "password": "T0/B0/SECRET0",
        "host": httpserver.url_for("/services"),
    }
    monkeypatch.setenv("AIRFLOW_CONN_LLMQA_SLACK", json.dumps(connection))
    httpserver.expect_request("/services/T0/B0/SECRET0", method="POST").respond_with_data("ok")

    dag = DagBag(dag_folder=str(REPO / "dags")).get_dag("llmqa_daily")
    run = dag.test(logical_date=dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(4), dt.UTC))

    assert run.state == DagRunState.SUCCESS
    sent = Warehouse(duckdb_url).read("SELECT DISTINCT app_id FROM llmqa_alerts WHERE status = 'sent'", {})
    assert len(httpserver.log) == sent.height > 0  # one message per app with alerts
