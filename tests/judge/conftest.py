"""A real OpenAI-compatible chat endpoint on 127.0.0.1 for the judge tests, and trace batches."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from llmqa.contract import TRACE_SCHEMA
from llmqa.judge import JudgeOptions

CHAT = "/v1/chat/completions"
KEY_ENV = "LLMQA_TEST_JUDGE_KEY"
SECRET = "sk-test-0123456789abcdef"


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A threaded HTTP server on loopback, so concurrent judge calls really overlap."""
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.clear()
    httpserver.stop()


@pytest.fixture
def make_options(server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """JudgeOptions pointing at the test server, with a fresh cache file and fast failure."""
    monkeypatch.setenv(KEY_ENV, SECRET)

    def make(**overrides: Any) -> JudgeOptions:
        settings: dict[str, Any] = {
            "model": "judge-test",
            "base_url": server.url_for("/v1"),
            "api_key_env": KEY_ENV,
            "cache_path": str(tmp_path / "judge.sqlite"),
            "timeout_seconds": 5.0,
            "max_retries": 0,
        }
        return JudgeOptions(**(settings | overrides))

    return make


def completion(
    content: str | None, prompt_tokens: int = 200, completion_tokens: int = 25
) -> dict[str, Any]:
    """An OpenAI chat.completion body."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "judge-test",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def sections(request: Request) -> dict[str, str]:
    """The labelled <data> sections of the judge prompt in a chat request."""
    user = json.loads(request.get_data())["messages"][-1]["content"]
    return dict(re.findall(r"([A-Z]+):\n<data>(.*?)</data>", user, flags=re.DOTALL))


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def overlap_judge(request: Request) -> Response:
    """A stand-in judge model: 5 when every answer word is in the context or reference, else 1."""
    parts = sections(request)
    source = parts.get("CONTEXT") or parts.get("REFERENCE") or parts["QUESTION"]
    score = 5 if words(parts["ANSWER"]) <= words(source) else 1
    body = completion(json.dumps({"score": score, "reason": f"overlap verdict {score}"}))
    return Response(json.dumps(body), status=200, content_type="application/json")


def traces(**columns: list[Any]) -> pl.DataFrame:
    """A batch in the trace contract: the given columns, numbered trace ids, the rest null."""
    height = len(next(iter(columns.values())))
    columns.setdefault("trace_id", [f"t{i}" for i in range(height)])
    return pl.DataFrame(
        {c: pl.Series(c, columns.get(c, [None] * height), dtype=t) for c, t in TRACE_SCHEMA.items()}
    )
