"""Scoring a file of traces: every format in and out, the default evaluators, and clear errors."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from llmqa import eval_file
from llmqa.config import AppConfig
from llmqa.detection_quality import Quality
from llmqa.embeddings import embeddings_installed
from llmqa.eval_file import EvalFileError, EvaluatorTally, evaluate_file, read_traces
from llmqa.evaluators import REGISTRY
from llmqa.synthetic import generate_traces

READ: dict[str, Callable[[Path], pl.DataFrame]] = {
    ".jsonl": lambda p: pl.read_ndjson(p, infer_schema_length=None),
    ".csv": lambda p: pl.read_csv(p, infer_schema_length=None),
    ".parquet": pl.read_parquet,
}
FORMATS = sorted(READ)


@pytest.fixture(scope="module")
def synthetic() -> pl.DataFrame:
    """A day of synthetic traces with the contract's own columns and types."""
    return generate_traces(dt.date(2024, 5, 2), days=1, traces_per_day=150, seed=5)


def _write(frame: pl.DataFrame, path: Path) -> Path:
    {".jsonl": frame.write_ndjson, ".csv": frame.write_csv, ".parquet": frame.write_parquet}[path.suffix](
        path
    )
    return path


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("out_suffix", FORMATS)
@pytest.mark.parametrize("in_suffix", FORMATS)
def test_scores_round_trip_through_every_format(
    synthetic: pl.DataFrame, tmp_path: Path, in_suffix: str, out_suffix: str
) -> None:
    source = _write(synthetic, tmp_path / f"traces{in_suffix}")
    result = evaluate_file(source, tmp_path / f"scores{out_suffix}", ["refusal", "groundedness"])
    scores = READ[out_suffix](result.out)
    assert scores["id"].cast(pl.String).to_list() == synthetic["trace_id"].to_list()
    for name in ("refusal", "groundedness"):
        expected = REGISTRY[name].compute(synthetic, REGISTRY[name].options())["score"]
        assert scores[f"{name}_score"].to_list() == pytest.approx(expected.to_list(), nan_ok=True)
        assert scores[f"{name}_passed"].null_count() == expected.null_count()


def test_every_row_gets_score_passed_and_reason_per_evaluator(
    synthetic: pl.DataFrame, tmp_path: Path
) -> None:
    source = _write(synthetic, tmp_path / "traces.parquet")
    result = evaluate_file(source, tmp_path / "scores.parquet", ["empty_output"])
    scores = pl.read_parquet(result.out)
    assert scores.columns == [
        "id",
        "empty_output_score",
        "empty_output_passed",
        "empty_output_reason",
    ]
    assert scores.height == synthetic.height == result.rows
    blank = synthetic["output"].str.strip_chars().fill_null("") == ""
    assert scores["empty_output_passed"].to_list() == (~blank).to_list()


def test_tally_counts_scored_and_passed_rows(tmp_path: Path) -> None:
    source = _jsonl(
        tmp_path / "t.jsonl",
        [
            {"id": "a", "output": "Sure, here it is."},
            {"id": "b", "output": " "},
            {"id": "c", "output": None},
        ],
    )
    result = evaluate_file(source, tmp_path / "s.jsonl", ["empty_output"])
    assert [(t.name, t.scored, t.passed) for t in result.tallies] == [("empty_output", 3, 1)]


def test_default_runs_deterministic_evaluators_whose_columns_hold_data(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "t.jsonl", [{"id": "1", "input": "Hi?", "output": "Hello."}])
    result = evaluate_file(source, tmp_path / "s.jsonl")
    chosen = {t.name for t in result.tallies}
    assert "refusal" in chosen and "empty_output" in chosen
    assert "groundedness" not in chosen  # needs context, which the file lacks
    assert not any(name.startswith("judge_") for name in chosen)
    assert "semantic_similarity" not in chosen


def test_format_rules_run_only_when_named_since_only_an_app_can_set_them(tmp_path: Path) -> None:
    source = _jsonl(
        tmp_path / "t.jsonl", [{"id": "1", "output": '{"ok": true}'}, {"id": "2", "output": "Hi."}]
    )
    default = {t.name for t in evaluate_file(source, tmp_path / "a.jsonl").tallies}
    assert "json_valid" not in default and "pattern" not in default
    named = evaluate_file(source, tmp_path / "b.jsonl", ["json_valid"])
    assert named.tallies == (EvaluatorTally("json_valid", scored=2, passed=1),)


def test_app_config_supplies_evaluators_and_thresholds(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "t.jsonl", [{"id": "1", "output": "ok"}])
    app = AppConfig.model_validate({"evaluators": {"empty_output": {"threshold": 1.0}}})
    result = evaluate_file(source, tmp_path / "s.jsonl", app=app)
    assert [t.name for t in result.tallies] == ["empty_output"]


def test_id_falls_back_to_trace_id_then_row_number(tmp_path: Path) -> None:
    with_trace_id = _jsonl(tmp_path / "a.jsonl", [{"trace_id": "x-1", "output": "o"}])
    bare = _jsonl(tmp_path / "b.jsonl", [{"output": "o"}, {"output": "p"}])
    assert read_traces(with_trace_id)[1].to_list() == ["x-1"]
    assert read_traces(bare)[1].to_list() == ["1", "2"]


def test_missing_contract_columns_read_as_typed_nulls(tmp_path: Path) -> None:
    batch, _ = read_traces(_jsonl(tmp_path / "t.jsonl", [{"id": 7, "output": "o"}]))
    assert batch["context"].dtype == pl.String and batch["context"].null_count() == 1
    assert batch["latency_ms"].dtype == pl.Float64
    assert batch["trace_id"].to_list() == ["7"]


def test_list_context_joins_and_object_metadata_becomes_json(tmp_path: Path) -> None:
    row = {
        "id": "1",
        "output": "o",
        "context": ["first passage", "second"],
        "metadata": {"resolved": True},
    }
    batch, _ = read_traces(_jsonl(tmp_path / "t.jsonl", [row]))
    assert batch["context"].to_list() == ["first passage\nsecond"]
    assert json.loads(batch["metadata"][0]) == {"resolved": True}


def test_timestamps_with_offsets_become_naive_utc(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text("id,ts,output\n1,2024-05-02T10:00:00+02:00,o\n", encoding="utf-8")
    batch, _ = read_traces(source)
    assert batch["ts"].to_list() == [dt.datetime(2024, 5, 2, 8, 0)]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ('{"id": "1", "input": "q"}\n', "t.jsonl", r"no 'output' column"),
        ("not parquet at all", "t.parquet", r"t\.parquet: cannot read"),
        ("id,output,latency_ms\n1,o,fast\n", "t.csv", r"column 'latency_ms' is not Float64"),
        ("id,output\n1,o\n", "t.txt", r"the input file must end in one of"),
    ],
)
def test_unusable_input_names_the_problem(tmp_path: Path, content: str, name: str, message: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(EvalFileError, match=message):
        evaluate_file(tmp_path / name, tmp_path / "s.jsonl")


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(EvalFileError, match=r"nope\.jsonl: cannot read"):
        evaluate_file(tmp_path / "nope.jsonl", tmp_path / "s.jsonl")


def test_unknown_evaluator_is_named(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "t.jsonl", [{"id": "1", "output": "o"}])
    with pytest.raises(EvalFileError, match=r"unknown evaluator\(s\) \['tone'\]; known: \["):
        evaluate_file(source, tmp_path / "s.jsonl", ["refusal", "tone"])


def test_unknown_output_format_is_refused_before_any_work(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "t.jsonl", [{"id": "1", "output": "o"}])
    with pytest.raises(EvalFileError, match=r"--out must end in one of \['.csv', '.jsonl'"):
        evaluate_file(source, tmp_path / "scores.xlsx")
    assert not (tmp_path / "scores.xlsx").exists()


@pytest.mark.skipif(embeddings_installed(), reason="the 'embeddings' extra is installed")
def test_asking_for_embeddings_without_the_extra_names_the_extra(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "t.jsonl", [{"id": "1", "output": "o", "reference": "r"}])
    with pytest.raises(EvalFileError, match=r"semantic_similarity.*'embeddings' extra"):
        evaluate_file(source, tmp_path / "s.jsonl", ["semantic_similarity"])


def test_scoring_in_chunks_gives_the_scores_of_one_batch_and_reports_each_chunk(
    synthetic: pl.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(synthetic, tmp_path / "traces.parquet")
    whole = evaluate_file(source, tmp_path / "whole.parquet")
    monkeypatch.setattr(eval_file, "CHUNK_ROWS", 40)
    heard: list[str] = []
    chunked = evaluate_file(source, tmp_path / "chunked.parquet", progress=heard.append)
    assert pl.read_parquet(chunked.out).equals(pl.read_parquet(whole.out))
    rows = synthetic.height
    assert heard == [f"scored {min(end, rows):,} of {rows:,} rows" for end in range(40, rows + 40, 40)]


def test_a_file_without_rows_gives_the_columns_and_no_rows(synthetic: pl.DataFrame, tmp_path: Path) -> None:
    source = _write(synthetic.clear(), tmp_path / "none.parquet")
    result = evaluate_file(source, tmp_path / "s.parquet", ["empty_output", "refusal"])
    scores = pl.read_parquet(result.out)
    assert scores.height == 0
    assert scores.columns == ["id"] + [
        f"{n}_{c}" for n in ("empty_output", "refusal") for c in ("score", "passed", "reason")
    ]


def test_a_label_column_gives_each_evaluator_its_quality_over_the_labeled_rows(tmp_path: Path) -> None:
    source = _jsonl(
        tmp_path / "t.jsonl",
        [
            {"id": "a", "output": "I'm sorry, but I can't help with that.", "label": 1},
            {"id": "b", "output": "Paris is the capital of France.", "label": 0},
            {"id": "c", "output": "Berlin is the capital of France.", "label": 1},  # no refusal: missed
            {"id": "d", "output": "I can't help with that.", "label": None},  # left out
        ],
    )
    (tally,) = evaluate_file(source, tmp_path / "s.jsonl", ["refusal"], label="label").tallies
    # AUROC: the refusal ranks above the right answer, the miss ties with it -> 3/4;
    # one of two failures flagged, the one good row passed -> 3/4
    assert tally.quality == Quality(3, 0.75, 0.75)


def test_labels_written_as_true_and_false_read_as_one_and_zero(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text("id,output,failed\na,I can't help with that.,True\nb,Paris.,false\n", encoding="utf-8")
    (tally,) = evaluate_file(source, tmp_path / "s.jsonl", ["refusal"], label="failed").tallies
    assert tally.quality == Quality(2, 1.0, 1.0)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [("label", "yes", "label column 'label' holds 'yes'"), ("verdict", "1", "no label column 'label'")],
)
def test_an_unusable_label_column_is_named(tmp_path: Path, column: str, value: str, message: str) -> None:
    source = _jsonl(tmp_path / "t.jsonl", [{"id": "a", "output": "Paris.", column: value}])
    with pytest.raises(EvalFileError, match=message):
        evaluate_file(source, tmp_path / "s.jsonl", ["refusal"], label="label")
