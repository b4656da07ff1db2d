"""Judge set-up: options validated by the config, keys from env or Airflow, secrets kept out."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from llmqa.config import ConfigError, parse_config
from llmqa.judge import HELPFULNESS, JudgeOptions, judge_batch
from tests.judge.chat_server import CHAT, KEY_ENV, SECRET, overlap_judge, traces


def _batch() -> Any:
    return traces(input=["How do I reset my password?"], output=["Use the reset link."])


def test_config_validates_judge_options() -> None:
    config = {"apps": {"bot": {"evaluators": {"judge_helpfulness": {"options": {"sample_rate": 2}}}}}}
    with pytest.raises(ConfigError, match=r"judge_helpfulness\.options: sample_rate"):
        parse_config(config)


def test_cost_budget_needs_prices() -> None:
    with pytest.raises(ValueError, match="max_cost_per_day_usd needs usd_per_million"):
        JudgeOptions(max_cost_per_day_usd=5.0)


def test_missing_key_leaves_traces_unjudged_without_calling(
    server: HTTPServer, make_options: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV)
    result = judge_batch(_batch(), make_options(), prompt=HELPFULNESS)
    assert result["score"].to_list() == [None]
    assert result["reason"].to_list() == [f"judge not configured: environment variable {KEY_ENV} is not set"]
    assert server.log == []


def test_key_is_sent_as_bearer_token(server: HTTPServer, make_options: Any) -> None:
    server.expect_request(CHAT, headers={"Authorization": f"Bearer {SECRET}"}).respond_with_handler(
        overlap_judge
    )
    result = judge_batch(_batch(), make_options(), prompt=HELPFULNESS)
    assert result["score"].is_not_null().all()


def test_key_and_url_can_come_from_an_airflow_connection(
    server: HTTPServer, make_options: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = {"conn_type": "generic", "password": "sk-from-airflow", "host": server.url_for("/v1")}
    monkeypatch.setenv("AIRFLOW_CONN_LLM_JUDGE", json.dumps(conn))
    server.expect_request(CHAT, headers={"Authorization": "Bearer sk-from-airflow"}).respond_with_handler(
        overlap_judge
    )
    options = make_options(base_url=None, api_key_env=None, airflow_conn_id="llm_judge")
    result = judge_batch(_batch(), options, prompt=HELPFULNESS)
    assert result["score"].is_not_null().all()


def test_key_echoed_by_the_endpoint_never_reaches_reasons_or_logs(
    server: HTTPServer, make_options: Any, caplog: pytest.LogCaptureFixture
) -> None:
    server.expect_request(CHAT).respond_with_json(
        {"error": {"message": f"Incorrect API key provided: {SECRET}"}}, status=401
    )
    with caplog.at_level(logging.DEBUG):
        result = judge_batch(_batch(), make_options(max_retries=1), prompt=HELPFULNESS)
    assert result["score"].to_list() == [None]
    assert "[redacted]" in result["reason"][0]
    assert SECRET not in result["reason"][0]
    assert SECRET not in caplog.text


def test_registry_and_eval_file_import_neither_openai_nor_airflow() -> None:
    code = (
        "import sys, llmqa.evaluators, llmqa.eval_file, llmqa.embeddings; "
        "print(sorted(m for m in ('openai', 'airflow', 'torch') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert done.stdout.strip() == "[]"
