"""Alert rules and the outbox: fire once per key, say when data is short, never resend what was sent."""

from __future__ import annotations

import polars as pl

from llmqa.alerts import evaluate_rules, record_alerts
from llmqa.config import AppConfig
from llmqa.metrics import ALL
from llmqa.warehouse import Warehouse
from tests.conftest import DAY


def _metrics(value: float, n: int) -> pl.DataFrame:
    return pl.DataFrame({"day": [DAY, DAY], "app_id": ["a", "a"], "prompt_version": ["v1", ALL],
                         "model": [ALL, ALL], "metric": ["error_rate"] * 2, "n": [n, n],
                         "value": [value, value], "ci_low": [None, None], "ci_high": [None, None]})  # fmt: skip


APP = AppConfig.model_validate(
    {
        "alerts": [
            {"metric": "error_rate", "op": ">", "value": 0.05, "min_traces": 100, "severity": "critical"}
        ]
    }
)


def test_a_rule_fires_per_prompt_version_with_a_deterministic_key() -> None:
    alerts = evaluate_rules(DAY, "a", APP, _metrics(0.2, 500), "#ops")
    assert alerts.select("alert_key", "status", "channel").rows() == [
        (f"{DAY}|a|v1|error_rate > 0.05", "pending", "#ops")
    ]


def test_a_rule_without_enough_traces_says_so_instead_of_firing() -> None:
    alerts = evaluate_rules(DAY, "a", APP, _metrics(0.2, 20), None)
    assert alerts["status"].to_list() == ["not_enough_data"]
    assert "not enough traces (20 < 100)" in alerts["message"][0]


def test_a_healthy_metric_raises_nothing() -> None:
    assert evaluate_rules(DAY, "a", APP, _metrics(0.01, 500), None).height == 0


def test_reruns_replace_pending_alerts_and_keep_sent_ones(duckdb_url: str) -> None:
    wh = Warehouse(duckdb_url)
    wh.create_schema()
    alerts = evaluate_rules(DAY, "a", APP, _metrics(0.2, 500), None)
    with wh.begin() as conn:
        assert record_alerts(wh, conn, DAY, "a", alerts) == 1
    with wh.begin() as conn:
        assert record_alerts(wh, conn, DAY, "a", alerts) == 1
        conn.exec_driver_sql("UPDATE llmqa_alerts SET status = 'sent'")
    with wh.begin() as conn:
        assert record_alerts(wh, conn, DAY, "a", alerts) == 0
    rows = wh.read("SELECT alert_key, status FROM llmqa_alerts", {})
    assert rows.rows() == [(f"{DAY}|a|v1|error_rate > 0.05", "sent")]


def test_an_alert_that_no_longer_fires_is_withdrawn_before_sending(duckdb_url: str) -> None:
    wh = Warehouse(duckdb_url)
    wh.create_schema()
    with wh.begin() as conn:
        record_alerts(wh, conn, DAY, "a", evaluate_rules(DAY, "a", APP, _metrics(0.2, 500), None))
    with wh.begin() as conn:
        record_alerts(wh, conn, DAY, "a", evaluate_rules(DAY, "a", APP, _metrics(0.0, 500), None))
    assert wh.read("SELECT COUNT(*) AS n FROM llmqa_alerts", {})["n"][0] == 0
