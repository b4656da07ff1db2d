"""Each channel type against a real HTTP server: Slack bot API, signed webhook, Airflow's Slack connection."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from llmqa.alerts.channels import Message
from llmqa.alerts.channels.signed_webhook import TIMESTAMP_HEADER
from llmqa.alerts.deliver import send_with_retries
from llmqa.alerts.settings import ChannelSpec, SlackConfig

MESSAGE = Message("llmqa · a on 2026-11-22: 1 alert(s)", [{"type": "divider"}], {"app_id": "a", "alerts": []})
SLACK = SlackConfig(max_attempts=3, backoff_seconds=0.01, timeout_seconds=1)
TOKEN = "xoxb-1234-5678-abcdefghijkl"


def _bot(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> ChannelSpec:
    monkeypatch.setenv("TEST_SLACK_BOT_TOKEN", TOKEN)
    options = {
        "token_env": "TEST_SLACK_BOT_TOKEN",
        "channel": "#oncall",
        "base_url": httpserver.url_for("/api/"),
    }
    return ChannelSpec(type="slack_bot", options=options)


def test_the_bot_channel_posts_blocks_to_its_channel_with_the_token(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request(
        "/api/chat.postMessage", method="POST", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json({"ok": True, "ts": "1.2"})
    attempt = send_with_retries(_bot(httpserver, monkeypatch), MESSAGE, SLACK)
    assert attempt.ok and attempt.tries == 1
    body = json.loads(httpserver.log[0][0].get_data())
    assert body["channel"] == "#oncall" and body["blocks"] == MESSAGE.blocks


def test_the_bot_channel_waits_as_long_as_a_429_asks(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_ordered_request("/api/chat.postMessage").respond_with_json(
        {"ok": False, "error": "ratelimited"}, 429, {"Retry-After": "1"}
    )
    httpserver.expect_ordered_request("/api/chat.postMessage").respond_with_json({"ok": True})
    attempt = send_with_retries(_bot(httpserver, monkeypatch), MESSAGE, SLACK)
    assert (attempt.ok, attempt.tries, attempt.waits) == (True, 2, (1.0,))


def test_a_bot_error_answer_is_not_retried_and_hides_the_token(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/api/chat.postMessage").respond_with_json(
        {"ok": False, "error": "channel_not_found"}
    )
    attempt = send_with_retries(_bot(httpserver, monkeypatch), MESSAGE, SLACK)
    assert (attempt.ok, attempt.tries, attempt.error) == (False, 1, "Slack error: channel_not_found")


def test_the_signed_webhook_signs_timestamp_and_body_with_hmac_sha256(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "signing-key-for-tests"
    monkeypatch.setenv("TEST_HOOK_URL", httpserver.url_for("/incident"))
    monkeypatch.setenv("TEST_HOOK_KEY", key)

    def verify(request: Request) -> Response:
        signed = request.headers[TIMESTAMP_HEADER].encode() + b"." + request.get_data()
        expected = "sha256=" + hmac.new(key.encode(), signed, hashlib.sha256).hexdigest()
        ok = hmac.compare_digest(expected, request.headers["X-Llmqa-Signature"])
        return Response("accepted" if ok else "bad signature", 202 if ok else 401)

    httpserver.expect_request("/incident", method="POST").respond_with_handler(verify)
    spec = ChannelSpec(
        type="signed_webhook", options={"url_env": "TEST_HOOK_URL", "secret_env": "TEST_HOOK_KEY"}
    )
    attempt = send_with_retries(spec, MESSAGE, SLACK)
    assert attempt.ok, attempt.error
    assert json.loads(httpserver.log[0][0].get_data())["app_id"] == "a"


def test_the_airflow_channel_reads_the_webhook_from_an_airflow_connection(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    connection = {
        "conn_type": "slackwebhook",
        "password": "T000/B000/XXXXSECRET",
        "host": httpserver.url_for("/services"),
    }
    monkeypatch.setenv("AIRFLOW_CONN_LLMQA_SLACK", json.dumps(connection))
    httpserver.expect_ordered_request("/services/T000/B000/XXXXSECRET").respond_with_data(
        "", 429, {"Retry-After": "1"}
    )
    httpserver.expect_ordered_request("/services/T000/B000/XXXXSECRET", method="POST").respond_with_data("ok")
    attempt = send_with_retries(
        ChannelSpec(type="airflow_slack", options={"conn_id": "llmqa_slack"}), MESSAGE, SLACK
    )
    assert (attempt.ok, attempt.tries, attempt.waits) == (True, 2, (1.0,))
    assert json.loads(httpserver.log[1][0].get_data())["blocks"] == MESSAGE.blocks


def test_a_missing_airflow_connection_is_not_configured_rather_than_retried() -> None:
    attempt = send_with_retries(
        ChannelSpec(type="airflow_slack", options={"conn_id": "nowhere"}), MESSAGE, SLACK
    )
    assert (attempt.ok, attempt.tries) == (False, 0)
    assert "Airflow connection 'nowhere'" in str(attempt.error)


def test_a_retry_after_beyond_the_longest_wait_is_left_for_the_next_run(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_URL", httpserver.url_for("/hook"))
    httpserver.expect_request("/hook").respond_with_data("rate_limited", 429, {"Retry-After": "120"})
    spec = ChannelSpec(type="slack_webhook", options={"url_env": "TEST_WEBHOOK_URL"})
    attempt = send_with_retries(spec, MESSAGE, SLACK)
    assert (attempt.ok, attempt.tries, attempt.waits) == (False, 1, ())
    assert attempt.error == "HTTP 429: rate_limited (asked to wait 120s; left for the next run)"
