"""When a task fails: warehouse outages retry, anything else fails at once, and Slack hears that monitoring failed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from pytest_httpserver import HTTPServer

from llmqa.airflow_callbacks import is_transient, notify_monitoring_failed, retry_only_transient
from llmqa.config import ConfigError
from tests.conftest import DAY, REPO, config_dict, write_config

HOOK = "/services/T000/B000/XXXXSECRET"


def _outage() -> sa.exc.OperationalError:
    """The error a real connection attempt to a closed port raises."""
    engine = sa.create_engine(
        "postgresql+psycopg://postgres@127.0.0.1:9/none", connect_args={"connect_timeout": 2}
    )
    try:
        engine.connect()
    except sa.exc.OperationalError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError("port 9 accepted a PostgreSQL connection")


def test_a_warehouse_outage_is_transient_even_when_a_stage_wraps_it() -> None:
    outage = _outage()
    try:
        raise RuntimeError("stage 'evaluate' failed") from outage
    except RuntimeError as wrapped:
        assert is_transient(outage) and is_transient(wrapped)


def test_a_bad_config_fails_the_task_without_retries() -> None:
    from airflow.sdk.exceptions import AirflowFailException

    with pytest.raises(AirflowFailException, match=r"apps\.nope"), retry_only_transient():
        raise ConfigError("apps.nope: not configured")


def test_a_warehouse_outage_reaches_airflows_retries_unchanged() -> None:
    with pytest.raises(sa.exc.OperationalError), retry_only_transient():
        raise _outage()


@pytest.mark.usefixtures("airflow_db")
def test_a_failed_run_tells_slack_that_the_monitoring_itself_failed(
    duckdb_url: str, tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.dag_processing.dagbag import DagBag
    from airflow.utils.state import DagRunState

    config = write_config(tmp_path / "llmqa.yaml", config_dict(duckdb_url, tmp_path / "reports"))
    monkeypatch.setenv("LLMQA_CONFIG", str(config))
    monkeypatch.setenv("LLMQA_SLACK_WEBHOOK_URL", httpserver.url_for(HOOK))
    httpserver.expect_request(HOOK, method="POST").respond_with_data("ok")
    dag = DagBag(dag_folder=str(REPO / "dags" / "llmqa_daily.py")).get_dag("llmqa_daily")

    run = dag.test(logical_date=dt.datetime.combine(DAY, dt.time(4), dt.UTC), run_conf={"apps": ["nope"]})

    assert run.state == DagRunState.FAILED
    plan = next(ti for ti in run.get_task_instances() if ti.task_id == "plan")
    assert (plan.state, plan.try_number) == ("failed", 1)  # a config error is not retried
    posted = [json.loads(request.get_data()) for request, _ in httpserver.log]
    assert len(posted) == 1
    assert posted[0]["text"].startswith("llmqa monitoring failed: llmqa_daily.plan in run ")
    assert "apps.nope: not configured" in posted[0]["text"]


def test_the_notice_goes_through_the_slack_providers_connection(
    duckdb_url: str, tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    slack = {"airflow_conn_id": "llmqa_slack"}
    config = write_config(tmp_path / "llmqa.yaml", config_dict(duckdb_url, tmp_path / "reports", slack=slack))
    connection = {"conn_type": "slackwebhook", "password": HOOK.removeprefix("/services/"),
                  "host": httpserver.url_for("/services")}  # fmt: skip
    monkeypatch.setenv("AIRFLOW_CONN_LLMQA_SLACK", json.dumps(connection))
    httpserver.expect_request(HOOK, method="POST").respond_with_data("ok")

    assert notify_monitoring_failed(str(config), {"exception": ValueError("disk full at ops@example.com")})
    text = json.loads(httpserver.log[0][0].get_data())["text"]
    assert text.endswith("ValueError: disk full at [EMAIL]")


def test_a_notice_that_cannot_be_sent_is_logged_not_raised(
    duckdb_url: str, tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(tmp_path / "llmqa.yaml", config_dict(duckdb_url, tmp_path / "reports"))
    monkeypatch.setenv("LLMQA_SLACK_WEBHOOK_URL", httpserver.url_for(HOOK))
    httpserver.expect_request(HOOK).respond_with_data("down", 503)

    assert not notify_monitoring_failed(str(config), {"exception": ValueError("x")}, sleep=lambda _: None)
    assert len(httpserver.log) == 3  # slack.max_attempts
