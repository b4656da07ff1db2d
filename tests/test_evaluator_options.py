"""Every evaluator: options fail fast naming the bad key; scores are Float64 in [0, 1] or null."""

from __future__ import annotations

import pytest
from evaluator_helpers import traces
from pydantic import ValidationError

from llmqa.evaluators import REGISTRY
from llmqa.evaluators.catalogue import deterministic_evaluators

ROW = dict(
    input=["What is the refund window?"],
    output=["You can get a refund within 30 days."],
    context=['["Refunds: customers can request a full refund within 30 days."]'],
    reference=["30 days"],
    finish_reason=["stop"],
    feedback_score=[1.0],
    feedback_text=["great"],
    metadata=['{"resolved": true}'],
)


@pytest.mark.parametrize("name", sorted(deterministic_evaluators()))
def test_an_unknown_option_is_rejected_by_name(name):
    with pytest.raises(ValidationError, match="no_such_option"):
        REGISTRY[name].options(no_such_option=1)


@pytest.mark.parametrize(
    ("name", "options", "key"),
    [
        ("pattern", {"required": ["(unclosed"]}, "required"),
        ("length", {"min_chars": 10, "max_chars": 5}, "min_chars"),
        ("json_valid", {"json_schema": {"type": "no-such-type"}}, "json_schema"),
        ("task_outcome", {"success": "resolved is true"}, "success"),
        ("task_outcome", {"success": "resolved == true and"}, "success"),
        ("task_outcome", {"success": 'csat >= "high"'}, "success"),
        ("task_outcome", {"success": "status in done"}, "success"),
        ("language_match", {"expected": "xx"}, "expected"),
        ("reference_match", {"method": "bleu"}, "method"),
        ("groundedness", {"slack_units": 0}, "slack_units"),
    ],
)
def test_a_bad_option_value_names_the_key(name, options, key):
    with pytest.raises(ValidationError) as error:
        REGISTRY[name].options(**options)
    assert key in str(error.value)


@pytest.mark.parametrize("name", sorted(deterministic_evaluators()))
def test_scores_are_float64_in_range_and_reasons_strings(name):
    evaluator = REGISTRY[name]
    out = evaluator.compute(traces(**ROW), evaluator.options())
    assert out.schema["score"].is_float() and out.schema["reason"] == traces(**ROW).schema["input"]
    assert all(s is None or 0.0 <= s <= 1.0 for s in out["score"])


@pytest.mark.parametrize("name", sorted(deterministic_evaluators()))
def test_an_all_null_trace_scores_null_or_in_range_without_error(name):
    evaluator = REGISTRY[name]
    out = evaluator.compute(traces(input=[None]), evaluator.options())
    assert out.height == 1 and (out["score"][0] is None or 0.0 <= out["score"][0] <= 1.0)


@pytest.mark.parametrize("name", sorted(deterministic_evaluators()))
def test_an_empty_batch_gives_an_empty_result(name):
    evaluator = REGISTRY[name]
    out = evaluator.compute(traces(input=[]), evaluator.options())
    assert out.height == 0 and out.columns == ["score", "reason"]
