"""bench/detection.py --judge: the judge tasks scored through the endpoint a YAML file names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from pytest_httpserver import HTTPServer

from tests.conftest import REPO
from tests.judge.chat_server import CHAT, overlap_judge

CAPITAL = ("What is the capital of France?", "Paris is the capital of France. The Seine flows through it.")
HEIGHT = ("How tall is Mount Everest?", "Mount Everest is 8,849 metres tall.")
# a right and a hallucinated answer of the same length to each question
ROWS = [
    (CAPITAL, "Paris", 0),
    (CAPITAL, "Lyon", 1),
    (HEIGHT, "8,849 metres", 0),
    (HEIGHT, "9,100 metres", 1),
]


def labeled_dir(tmp_path: Path) -> Path:
    """A labeled-data folder holding four HaluEval-format grounded QA rows."""
    folder = tmp_path / "labeled"
    folder.mkdir()
    lines = [
        {
            "id": f"r{i}",
            "task": "grounded_qa",
            "input": question,
            "context": context,
            "output": answer,
            "label": label,
            "group": question,
        }
        for i, ((question, context), answer, label) in enumerate(ROWS)
    ]
    (folder / "halueval.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    return folder


def bench(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(REPO / "bench" / "detection.py"), *map(str, arguments)]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO)


def test_judge_tasks_are_scored_through_the_endpoint_the_file_names(
    server: HTTPServer, make_options: Any, tmp_path: Path
) -> None:
    server.expect_request(CHAT).respond_with_handler(overlap_judge)
    judge = tmp_path / "judge.yaml"
    judge.write_text(yaml.safe_dump(make_options().model_dump()), encoding="utf-8")
    done = bench("--data-dir", labeled_dir(tmp_path), "--judge", judge)
    figures = json.loads(done.stdout.strip().splitlines()[-1])["datasets"]
    assert figures["halueval/grounded_qa (judge)"] == {"n": 4, "auroc": 1.0, "balanced_accuracy": 1.0}
    assert figures["halueval/grounded_qa (judge)/length_matched"]["n"] == 4
    assert len(server.log) == 4  # each row asked once: the length-matched figures reuse its answer


def test_without_a_judge_file_no_judge_task_calls_anything(server: HTTPServer, tmp_path: Path) -> None:
    done = bench("--data-dir", labeled_dir(tmp_path))
    figures = json.loads(done.stdout.strip().splitlines()[-1])["datasets"]
    assert "halueval/grounded_qa" in figures
    assert not [name for name in figures if "(judge)" in name]
    assert server.log == []


def test_a_judge_file_with_an_unknown_key_stops_the_bench_naming_the_key(tmp_path: Path) -> None:
    judge = tmp_path / "judge.yaml"
    judge.write_text("modle: gpt-4o-mini\n", encoding="utf-8")
    done = bench("--data-dir", labeled_dir(tmp_path), "--judge", judge)
    assert done.returncode == 2
    assert "modle" in done.stderr and done.stdout == ""
