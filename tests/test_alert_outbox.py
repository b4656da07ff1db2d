"""The outbox: one row per key, reruns replace what cannot have been delivered and keep what may have."""

from __future__ import annotations

import polars as pl
import pytest

from llmqa.alerts.outbox import record_alerts
from llmqa.alerts.settings import AlertRule, SlackConfig
from llmqa.alerts.stage import plan_alerts
from llmqa.warehouse import Warehouse
from tests.alert_support import inputs, metric_rows
from tests.conftest import DAY

RULE = AlertRule(metric="error_rate", op=">", value=0.05, min_traces=100, severity="critical")
KEY = f"{DAY}|a|v1|error_rate > 0.05"


def _alerts(value: float) -> pl.DataFrame:
    today = metric_rows((DAY, "v1", "error_rate", value, 500), (DAY, "v1", "traces", 500, 500))
    return plan_alerts(DAY, "a", [RULE], SlackConfig(), inputs(today))


def _record(wh: Warehouse, value: float) -> int:
    with wh.begin() as conn:
        return record_alerts(wh, conn, DAY, "a", _alerts(value))


@pytest.fixture
def wh(duckdb_url: str) -> Warehouse:
    """An empty DuckDB warehouse with llmqa's tables."""
    warehouse = Warehouse(duckdb_url)
    warehouse.create_schema()
    return warehouse


def test_an_alert_has_a_deterministic_key_and_the_default_channel() -> None:
    assert _alerts(0.2).select("alert_key", "status", "channel").rows() == [(KEY, "pending", "default")]


def test_reruns_replace_pending_alerts_instead_of_adding_them(wh: Warehouse) -> None:
    assert _record(wh, 0.2) == 1
    assert _record(wh, 0.2) == 1
    assert wh.read("SELECT alert_key, status FROM llmqa_alerts", {}).rows() == [(KEY, "pending")]


@pytest.mark.parametrize("state", ["sent", "sending", "unconfirmed"])
def test_reruns_keep_an_alert_that_may_have_been_delivered(wh: Warehouse, state: str) -> None:
    _record(wh, 0.2)
    with wh.begin() as conn:
        conn.exec_driver_sql(f"UPDATE llmqa_alerts SET status = '{state}'")
    assert _record(wh, 0.2) == 0
    assert _record(wh, 0.0) == 0  # even when it no longer fires: history is not rewritten
    assert wh.read("SELECT alert_key, status FROM llmqa_alerts", {}).rows() == [(KEY, state)]


def test_an_alert_that_no_longer_fires_is_withdrawn_before_sending(wh: Warehouse) -> None:
    _record(wh, 0.2)
    _record(wh, 0.0)
    assert wh.read("SELECT COUNT(*) AS n FROM llmqa_alerts", {})["n"][0] == 0
