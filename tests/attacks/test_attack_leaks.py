"""A whole day's run through the CLI with secrets everywhere and PII in the traces: the database
password, the Slack webhook and the judge's API key appear in no log line, console output, written
file or alert payload; emails, phone and card numbers never appear unredacted in reports or Slack.
The judge answers garbage (echoing its key), so its scores are missing and the report says so."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from pytest_httpserver import HTTPServer

from llmqa.cli import main
from llmqa.contract import TRACE_SCHEMA
from llmqa.report.render import page_name
from llmqa.seed import seed_warehouse
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, _drop_postgres, _postgres_url, config_dict, write_config

PASSWORD = "Pw-never-log-8841"
HOOK = "/services/T000/B000/HOOKSECRET0042"
JUDGE_KEY = "sk-judge-never-log-0123456789abcdef"
SECRETS = (PASSWORD, "HOOKSECRET0042", JUDGE_KEY)
EMAIL, PHONE, CARD = "jane.doe@example.com", "+1 415 555 0199", "4111 1111 1111 1111"
PII = (EMAIL, PHONE, CARD, "jane.doe@example", "4111 1111")
APP = "support-bot"


@pytest.fixture
def secret_url() -> Iterator[str]:
    """A throwaway PostgreSQL database reached with a password in its URL (trust auth ignores it)."""
    url = _postgres_url()
    yield url.replace("://postgres@", f"://postgres:{PASSWORD}@")
    _drop_postgres(url)


def _pii_traces(wh: Warehouse) -> None:
    """Failing support-bot traces on DAY whose every text field carries an email, a phone and a card."""
    leak = f"write to {EMAIL}, call {PHONE}, card {CARD}"
    rows = [
        {c: None for c in TRACE_SCHEMA} | {
            "trace_id": f"pii-{i}", "ts": dt.datetime.combine(DAY, dt.time(9, i)), "app_id": APP,
            "prompt_version": "v3", "model": "gpt-4o-mini", "status": "ok", "finish_reason": "stop",
            "input": f"My details: {leak}", "output": f"Sure, I stored {leak}. Refunds take 90 days.",
            "context": f"Customer record: {leak}", "feedback_score": 0.0, "feedback_text": f"wrong! {leak}",
        }
        for i in range(30)
    ]  # fmt: skip
    with wh.begin() as conn:
        wh.write(conn, wh.traces.table, pl.DataFrame(rows, schema=TRACE_SCHEMA))


def _everything_written(folder: Path) -> dict[str, str]:
    return {str(p): p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file()}


def test_no_secret_or_pii_leaks_from_a_day_run(
    secret_url: str,
    tmp_path: Path,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("LLMQA_SLACK_WEBHOOK_URL", httpserver.url_for(HOOK))
    monkeypatch.setenv("LLMQA_TEST_JUDGE_KEY", JUDGE_KEY)
    httpserver.expect_request(HOOK).respond_with_data("ok")
    garbage = f"<html>upstream error; your key {JUDGE_KEY} is invalid</html>"
    httpserver.expect_request("/v1/chat/completions").respond_with_data(garbage, status=502)
    data = config_dict(secret_url, tmp_path / "reports")
    data["apps"] = {APP: data["apps"][APP]}
    data["apps"][APP]["evaluators"]["judge_groundedness"] = {"options": {
        "model": "judge-test", "base_url": httpserver.url_for("/v1"), "api_key_env": "LLMQA_TEST_JUDGE_KEY",
        "cache_path": str(tmp_path / "judge.sqlite"), "max_retries": 0,
        "timeout_seconds": 5.0}}  # fmt: skip
    config = write_config(tmp_path / "llmqa.yaml", data)
    wh = Warehouse(secret_url)
    seed_warehouse(wh, DAY, days=2, traces_per_day=300, seed=3)
    _pii_traces(wh)

    with caplog.at_level(logging.DEBUG):
        assert main(["--config", str(config), "run", "--day", str(DAY)]) == 0
    console = capsys.readouterr()

    posts = [request.get_data(as_text=True) for request, _ in httpserver.log if request.path == HOOK]
    assert posts, "no alert reached Slack"
    stored = wh.read("SELECT reason FROM llmqa_scores WHERE evaluator = 'judge_groundedness'", {})
    outbox = wh.read("SELECT message, evidence, last_error FROM llmqa_alerts", {})
    ours = "\n".join(
        r.getMessage() for r in caplog.records if not r.name.startswith("werkzeug")
    )  # not the test server
    texts = {"log": ours, "stdout": console.out, "stderr": console.err,
             "slack": "\n".join(posts), "scores": "\n".join(stored["reason"].drop_nulls()),
             "outbox": outbox.write_csv()} | _everything_written(tmp_path / "reports")  # fmt: skip
    for where, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} leaked into {where}"
    for where, text in texts.items():
        if (
            where in ("log", "stdout", "stderr", "scores")
            or where.startswith("slack")
            or where.endswith(".html")
        ):
            for pii in PII:
                assert pii not in text, f"{pii!r} unredacted in {where}"
    assert json.loads(posts[0])  # a payload, not an error page

    page = Path(data["report"]["dir"]) / DAY.isoformat() / page_name(APP, "v3")
    html = page.read_text(encoding="utf-8")
    unscored = re.search(
        r'data-evaluator="judge_groundedness">.*?data-count="unscored">([\d,]+)<.*?most often: ([^)]*)',
        html,
        re.S,
    )
    assert unscored, "the page does not say the judge's scores are missing"
    v3 = wh.read("SELECT COUNT(*) AS n FROM llmqa_scores WHERE evaluator = 'judge_groundedness' "
                 "AND prompt_version = 'v3' AND score IS NULL", {})["n"][0]  # fmt: skip
    assert int(unscored.group(1).replace(",", "")) == v3 > 0
    assert "judge call failed" in unscored.group(2)


def test_a_failing_connection_never_prints_its_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    url = f"postgresql+psycopg://llmqa:{PASSWORD}@127.0.0.1:1/nowhere"
    config = write_config(tmp_path / "llmqa.yaml", config_dict(url, tmp_path / "reports"))
    with caplog.at_level(logging.DEBUG):
        assert main(["--config", str(config), "run", "--day", str(DAY)]) == 1
    console = capsys.readouterr()
    assert "warehouse error" in console.err
    for text in (console.out, console.err, caplog.text):
        assert PASSWORD not in text
