"""Fixtures for the judge tests: a real HTTP server on 127.0.0.1 and options pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from llmqa.judge import JudgeOptions
from tests.judge.chat_server import KEY_ENV, SECRET


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
