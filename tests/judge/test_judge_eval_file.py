"""Judges in `evaluate_file`: only when asked, with the endpoint an app's config names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
from pytest_httpserver import HTTPServer

from llmqa.config import AppConfig
from llmqa.eval_file import evaluate_file
from tests.judge.chat_server import CHAT, overlap_judge


def test_judge_runs_on_a_file_when_asked(server: HTTPServer, make_options: Any, tmp_path: Path) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    rows = [
        {
            "id": "a",
            "input": "How many seats?",
            "output": "Five seats.",
            "reference": "Five seats.",
        },
        {"id": "b", "input": "How many seats?", "output": "Unlimited.", "reference": "Five seats."},
    ]
    source = tmp_path / "t.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    options = make_options().model_dump()
    app = AppConfig.model_validate({"evaluators": {"judge_correctness": {"options": options}}})
    evaluate_file(source, tmp_path / "s.parquet", app=app)
    scores = pl.read_parquet(tmp_path / "s.parquet")
    assert scores["judge_correctness_passed"].to_list() == [True, False]
    assert len(server.log) == 2


def test_judge_is_not_run_by_default(server: HTTPServer, tmp_path: Path) -> None:
    source = tmp_path / "t.jsonl"
    row = {"id": "a", "input": "q", "output": "o", "context": "c", "reference": "r"}
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = evaluate_file(source, tmp_path / "s.jsonl")
    assert not any(t.name.startswith("judge_") for t in result.tallies)
    assert server.log == []
