"""`result`: the score and reason columns every evaluator returns; a reason for every trace left unscored."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from evaluator_helpers import traces

from llmqa.config import AppConfig
from llmqa.evaluate import evaluate_batch
from llmqa.evaluators.base import result
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.synthetic import generate_traces


def test_scores_become_floats_in_range_with_nan_as_not_applicable():
    raw = pl.DataFrame({"s": [0.5, float("nan"), None, -0.2, 1.7], "r": ["a", None, None, "b", "c"]})
    out = raw.select(result(pl.col("s"), pl.col("r")))
    assert out.schema == pl.Schema({"score": pl.Float64(), "reason": pl.String()})
    assert out["score"].to_list() == [0.5, None, None, 0.0, 1.0]


def test_an_integer_score_is_cast_to_float():
    out = pl.DataFrame({"s": [0, 1]}).select(result(pl.col("s"), pl.lit(None)))
    assert out["score"].to_list() == [0.0, 1.0]
    assert out.schema["score"] == pl.Float64


def scored_by(batch: pl.DataFrame, *names: str) -> dict[str, list[str | None]]:
    """The reasons each evaluator in `names` gives per trace of `batch`, as the evaluate stage runs them."""
    long = evaluate_batch(batch, AppConfig(evaluators={name: {} for name in names}))
    return {name: long.filter(pl.col("evaluator") == name)["reason"].to_list() for name in names}


def test_a_trace_lacking_what_an_evaluator_reads_is_unscored_with_that_input_named():
    batch = traces(
        input=["What does the Pro plan cost?"] * 2,
        output=["   ", "The Pro plan costs $49 a month."],
        context=["The Pro plan costs $49 a month.", None],
        feedback_score=[None, 1.0],
    )
    reasons = scored_by(batch, "groundedness", "thumbs_down")
    assert reasons["groundedness"] == ["no output", "no context"]
    assert reasons["thumbs_down"][0] == "no feedback_score"


def test_an_evaluators_own_reason_for_not_scoring_comes_before_a_missing_input():
    batch = traces(input=[None], output=["The Pro plan costs $49 a month."], context=["Pro: $49 a month."])
    assert scored_by(batch, "false_abstention")["false_abstention"] == ["the answer does not abstain"]


def test_every_trace_a_built_in_evaluator_leaves_unscored_on_a_synthetic_day_says_why():
    day = generate_traces(dt.date(2024, 11, 30), days=1, traces_per_day=2000, seed=5)
    long = evaluate_batch(day, AppConfig(evaluators={name: {} for name in deterministic_evaluators()}))
    unscored = long.filter(pl.col("score").is_null())
    assert unscored["evaluator"].n_unique() >= 10
    assert unscored["reason"].null_count() == 0
    assert "not applicable" not in unscored["reason"].to_list()


@pytest.mark.parametrize("name", sorted(deterministic_evaluators()))
def test_every_built_in_evaluator_run_alone_scores_every_trace_of_a_day(name):
    # alone, an evaluator finds none of the evaluators it leaves faults to (evaluators/running.py)
    day = generate_traces(dt.date(2024, 11, 30), days=1, traces_per_day=200, seed=5)
    long = evaluate_batch(day, AppConfig(evaluators={name: {}}))
    assert sorted(long["trace_id"].to_list()) == sorted(day["trace_id"].to_list())
