"""Delivery through a real HTTP server that answers like Slack: sent once, retried, never lost, never twice."""

from __future__ import annotations

import datetime as dt
import json
import logging
import socket
import threading
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from llmqa.alerts.deliver import deliver_pending
from llmqa.alerts.outbox import claim, record_alerts
from llmqa.alerts.stage import plan_alerts
from llmqa.config import Config
from llmqa.warehouse import Warehouse
from tests.alert_support import alert_config, example, inputs, metric_rows
from tests.conftest import DAY

SECRET = "B0SECRETPATH42"
HOOK = f"/services/T000/B000/{SECRET}"
PII = "reach me at jane.doe@example.com or 4111 1111 1111 1111"


@pytest.fixture
def outbox(
    warehouse_url: str, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Config, Warehouse]]:
    """A warehouse whose outbox holds one pending critical alert, and a webhook URL in the environment."""
    monkeypatch.setenv("LLMQA_SLACK_WEBHOOK_URL", httpserver.url_for(HOOK))
    cfg = alert_config(warehouse_url)
    wh = Warehouse(warehouse_url)
    wh.create_schema()
    _record(cfg, wh)
    yield cfg, wh
    wh.engine.dispose()


def _record(cfg: Config, wh: Warehouse) -> None:
    """Run the alert stage for DAY: groundedness at 0.6 on 300 traces, with a PII-laden worst trace."""
    today = metric_rows((DAY, "v1", "pass_rate.groundedness", 0.6, 300), (DAY, "v1", "traces", 300, 300))
    worst = [example("v1", 1, PII, f"Sure! {PII}", "groundedness: unsupported: refunds take 90 days")]
    alerts = plan_alerts(DAY, "a", cfg.app("a").alerts, cfg.slack, inputs(today, examples=worst))
    with wh.begin() as conn:
        record_alerts(wh, conn, DAY, "a", alerts)


def _outbox(wh: Warehouse) -> tuple:
    return wh.read(
        "SELECT status, attempts, last_error, sent_at IS NOT NULL AS stamped FROM llmqa_alerts", {}
    ).row(0)


def _posts(httpserver: HTTPServer) -> list[dict]:
    return [json.loads(request.get_data()) for request, _ in httpserver.log]


def test_a_pending_alert_is_posted_once_and_marked_sent(
    outbox: tuple[Config, Warehouse], httpserver: HTTPServer
) -> None:
    cfg, wh = outbox
    httpserver.expect_request(HOOK, method="POST").respond_with_data("ok")
    summary = deliver_pending(cfg, wh)
    assert (summary.messages_sent, summary.alerts_sent, summary.messages_failed) == (1, 1, 0)
    assert _outbox(wh) == ("sent", 1, None, True)
    [post] = _posts(httpserver)
    assert post["blocks"][0]["type"] == "header" and "pass_rate.groundedness" in json.dumps(post)


def test_rerunning_the_day_and_delivering_again_posts_nothing(
    outbox: tuple[Config, Warehouse], httpserver: HTTPServer
) -> None:
    cfg, wh = outbox
    httpserver.expect_request(HOOK, method="POST").respond_with_data("ok")
    deliver_pending(cfg, wh)
    _record(cfg, wh)  # the day is rerun: the same alert is judged again
    assert deliver_pending(cfg, wh).alerts_sent == 0
    assert len(httpserver.log) == 1 and _outbox(wh)[0] == "sent"


def test_a_429_is_retried_after_the_time_slack_asks(
    outbox: tuple[Config, Warehouse], httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    cfg, wh = outbox
    httpserver.expect_ordered_request(HOOK).respond_with_data("rate_limited", 429, {"Retry-After": "1"})
    httpserver.expect_ordered_request(HOOK).respond_with_data("ok")
    with caplog.at_level(logging.INFO, logger="llmqa.alerts"):
        deliver_pending(cfg, wh)
    assert _outbox(wh) == ("sent", 2, None, True)
    assert "retrying in 1s after: HTTP 429: rate_limited" in caplog.text


def test_server_errors_are_retried_then_left_pending_with_the_error(
    outbox: tuple[Config, Warehouse], httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    cfg, wh = outbox
    httpserver.expect_request(HOOK).respond_with_data("rollup_error", 500)
    summary = deliver_pending(cfg, wh)
    assert summary.messages_failed == 1
    assert _outbox(wh) == ("pending", cfg.slack.max_attempts, "HTTP 500: rollup_error", False)
    assert len(httpserver.log) == cfg.slack.max_attempts
    assert "left pending: HTTP 500: rollup_error" in caplog.text


def test_a_pending_alert_goes_out_on_the_next_run(
    outbox: tuple[Config, Warehouse], httpserver: HTTPServer
) -> None:
    cfg, wh = outbox
    httpserver.expect_request(HOOK).respond_with_data("", 503)
    deliver_pending(cfg, wh)
    httpserver.clear_all_handlers()
    httpserver.expect_request(HOOK).respond_with_data("ok")
    assert deliver_pending(cfg, wh).alerts_sent == 1
    assert _outbox(wh) == ("sent", cfg.slack.max_attempts + 1, None, True)


def test_a_client_error_is_not_retried(outbox: tuple[Config, Warehouse], httpserver: HTTPServer) -> None:
    cfg, wh = outbox
    httpserver.expect_request(HOOK).respond_with_data("invalid_blocks", 400)
    deliver_pending(cfg, wh)
    assert _outbox(wh) == ("pending", 1, "HTTP 400: invalid_blocks", False)


def test_a_timeout_leaves_the_alert_pending(outbox: tuple[Config, Warehouse], httpserver: HTTPServer) -> None:
    cfg, wh = outbox

    released = threading.Event()

    def slow(request: Request) -> Response:
        released.wait(cfg.slack.timeout_seconds + 5)
        return Response("ok")

    httpserver.expect_request(HOOK).respond_with_handler(slow)
    try:
        deliver_pending(
            cfg.model_copy(update={"slack": cfg.slack.model_copy(update={"max_attempts": 1})}), wh
        )
    finally:
        released.set()  # answer late rather than leave the handler sleeping into the next test
    status, attempts, error, _ = _outbox(wh)
    assert (status, attempts) == ("pending", 1) and "timed out" in error


def test_a_closed_port_leaves_the_alert_pending(
    outbox: tuple[Config, Warehouse], monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg, wh = outbox
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("LLMQA_SLACK_WEBHOOK_URL", f"http://127.0.0.1:{port}{HOOK}")
    deliver_pending(cfg, wh)
    status, attempts, error, _ = _outbox(wh)
    assert (status, attempts) == ("pending", cfg.slack.max_attempts) and "refused" in error.lower()


def test_a_missing_webhook_is_reported_without_counting_as_a_try(
    outbox: tuple[Config, Warehouse], monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg, wh = outbox
    monkeypatch.delenv("LLMQA_SLACK_WEBHOOK_URL")
    deliver_pending(cfg, wh)
    assert _outbox(wh) == ("pending", 0, "environment variable LLMQA_SLACK_WEBHOOK_URL is not set", False)


def test_a_delivery_interrupted_after_claiming_is_never_resent(
    outbox: tuple[Config, Warehouse], httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    cfg, wh = outbox
    posted: list[
        Request
    ] = []  # only this test's handler counts; a slow request of another test may still land in the log
    httpserver.expect_request(HOOK).respond_with_handler(
        lambda request: posted.append(request) or Response("ok")
    )
    claim(wh, DAY, "a", "default")  # a delivery claimed the alert, then its process died
    summary = deliver_pending(cfg, wh)
    assert summary.unconfirmed == 1 and posted == []
    assert _outbox(wh)[0] == "unconfirmed"
    assert "marked unconfirmed, not resent" in caplog.text


def test_no_secret_or_pii_reaches_the_payload_the_log_or_the_error(
    outbox: tuple[Config, Warehouse], httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    cfg, wh = outbox
    httpserver.expect_request(HOOK).respond_with_data(f"no_service for {SECRET}", 404)
    with caplog.at_level(logging.DEBUG):
        deliver_pending(cfg, wh)
    payload = httpserver.log[0][0].get_data(as_text=True)
    assert "jane.doe" not in payload and "4111" not in payload and "[EMAIL]" in payload
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("werkzeug"))
    assert SECRET not in payload and SECRET not in ours and SECRET not in _outbox(wh)[2]
    assert "no_service for [secret]" in ours


def test_delivering_one_day_leaves_other_days_alone(
    outbox: tuple[Config, Warehouse], httpserver: HTTPServer
) -> None:
    cfg, wh = outbox
    httpserver.expect_request(HOOK).respond_with_data("ok")
    assert deliver_pending(cfg, wh, DAY - dt.timedelta(days=1)).alerts_sent == 0
    assert deliver_pending(cfg, wh, DAY).alerts_sent == 1
