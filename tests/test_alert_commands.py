"""`llmqa alerts test` proves each channel; `llmqa alerts list` shows a day's outbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from llmqa.alerts.outbox import record_alerts
from llmqa.alerts.stage import plan_alerts
from llmqa.cli import main
from llmqa.config import load_config
from llmqa.warehouse import Warehouse
from tests.alert_support import inputs, metric_rows
from tests.conftest import DAY, config_dict, write_config

BOT = {"type": "slack_bot", "token_env": "LLMQA_TEST_UNSET_TOKEN", "channel": "#oncall"}


def _config(tmp_path: Path, url: str, **channels: dict) -> Path:
    data = config_dict(url, tmp_path / "reports")
    data["slack"] |= {"channels": channels, "max_attempts": 1}
    return write_config(tmp_path / "llmqa.yaml", data)


def test_alerts_test_sends_a_message_to_every_channel_and_says_how_each_went(
    tmp_path: Path,
    duckdb_url: str,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("LLMQA_SLACK_WEBHOOK_URL", httpserver.url_for("/hook"))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    assert main(["--config", str(_config(tmp_path, duckdb_url, oncall=BOT)), "alerts", "test"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "default: sent",
        "oncall: FAILED after 0 tries: environment variable LLMQA_TEST_UNSET_TOKEN is not set",
    ]
    assert "test message" in httpserver.log[0][0].get_data(as_text=True)


def test_alerts_list_shows_each_alert_with_its_state(
    tmp_path: Path, duckdb_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, duckdb_url)
    cfg = load_config(config)
    wh = Warehouse(duckdb_url)
    wh.create_schema()
    today = metric_rows((DAY, "v3", "pass_rate.groundedness", 0.5, 400), (DAY, "v3", "traces", 400, 400))
    with wh.begin() as conn:
        alerts = plan_alerts(DAY, "support-bot", cfg.app("support-bot").alerts, cfg.slack, inputs(today))
        record_alerts(wh, conn, DAY, "support-bot", alerts)
    assert main(["--config", str(config), "alerts", "list", "--day", str(DAY)]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["app_id", "prompt_version", "kind", "severity", "rule", "status", "attempts",
                              "channel", "last_error"]  # fmt: skip
    assert row.split()[:4] == ["support-bot", "v3", "alert", "critical"] and "pending" in row
