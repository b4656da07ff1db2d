"""`llmqa compare`: paired tests per evaluator; a significantly worse candidate fails the gate (exit 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmqa import eval_file
from llmqa.analytics.regression import compare_files
from llmqa.cli import main

QUESTIONS = [f"What is fact number {i}?" for i in range(120)]


def _write(path: Path, outputs: list[str | None], ids: range | None = None) -> Path:
    ids = ids or range(len(outputs))
    rows = [{"id": f"q{i}", "output": out} | ({"input": QUESTIONS[i]} if "base" in path.name else {})
            for i, out in zip(ids, outputs, strict=True)]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def _answers(empty: set[int] = frozenset(), refused: set[int] = frozenset()) -> list[str | None]:
    return ["" if i in empty else "I'm sorry, but I can't help with that." if i in refused
            else f"Fact {i} is that water boils at 100 degrees." for i in range(len(QUESTIONS))]  # fmt: skip


def test_a_candidate_that_empties_answers_is_worse_and_fails_the_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = _write(tmp_path / "base.jsonl", _answers(empty={1}))
    cand = _write(tmp_path / "cand.jsonl", _answers(empty=set(range(0, 120, 6))))
    html = tmp_path / "out" / "compare.html"
    code = main(["compare", "--baseline", str(base), "--candidate", str(cand), "--evaluators",
                 "empty_output,refusal", "--html", str(html)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1
    assert "empty_output: pass 99.2% -> 83.3%" in out and "significantly worse on empty_output" in out
    assert "worse" in html.read_text() and "<script" not in html.read_text()


def test_an_equal_candidate_passes_the_gate(tmp_path: Path) -> None:
    base = _write(tmp_path / "base.jsonl", _answers(refused={3, 4}))
    cand = _write(tmp_path / "cand.jsonl", _answers(refused={4, 5}))
    assert (
        main(["compare", "--baseline", str(base), "--candidate", str(cand), "--evaluators", "refusal"]) == 0
    )


def test_a_better_candidate_is_better_not_worse(tmp_path: Path) -> None:
    base = _write(tmp_path / "base.jsonl", _answers(refused=set(range(0, 120, 5))))
    cand = _write(tmp_path / "cand.jsonl", _answers())
    result = compare_files(base, cand, ["refusal"])
    (refusal,) = result.evaluators
    assert (refusal.baseline_only, refusal.candidate_only) == (0, 24)
    assert refusal.verdict == "better" and not result.worse


def test_rows_pair_on_id_and_unmatched_ones_are_counted(tmp_path: Path) -> None:
    base = _write(tmp_path / "base.jsonl", _answers()[:100], range(100))
    cand = _write(tmp_path / "cand.jsonl", _answers()[20:120], range(20, 120))
    result = compare_files(base, cand, ["empty_output"])
    assert (result.paired, result.unmatched_baseline, result.unmatched_candidate) == (80, 20, 20)


def test_files_with_no_shared_id_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = _write(tmp_path / "base.jsonl", _answers()[:10], range(10))
    cand = _write(tmp_path / "cand.jsonl", _answers()[10:20], range(10, 20))
    assert main(["compare", "--baseline", str(base), "--candidate", str(cand)]) == 2
    assert "shares an id" in capsys.readouterr().err


def test_scoring_in_chunks_gives_the_verdicts_of_one_batch_and_reports_each_side(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = _write(tmp_path / "base.jsonl", _answers(refused={3, 4}))
    cand = _write(tmp_path / "cand.jsonl", _answers(empty=set(range(0, 120, 7)), refused={4, 5}))
    whole = compare_files(base, cand, ["empty_output", "refusal", "answer_relevance"])
    monkeypatch.setattr(eval_file, "CHUNK_ROWS", 50)
    heard: list[str] = []
    chunked = compare_files(
        base, cand, ["empty_output", "refusal", "answer_relevance"], progress=heard.append
    )
    assert chunked == whole
    assert heard == [
        f"{side}: scored {n} of 120 rows" for side in ("baseline", "candidate") for n in (50, 100, 120)
    ]
