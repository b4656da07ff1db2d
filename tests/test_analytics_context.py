"""Context window: unused retrieved context measured back, and long contexts found to fail more often."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest

from llmqa.analytics.context_use import context_buckets, context_finding, unused_chars
from tests.conftest import DAY

VOCABULARY = np.array([f"term{i}" for i in range(5000)])


def _traces(n: int, fail_per_extra_passage: float, seed: int = 9) -> tuple[pl.DataFrame, float]:
    """Each answer copies one passage; 0-4 more passages go unused. Returns the frame and the unused share."""
    rng = np.random.default_rng(seed)
    rows, unused, total = [], 0, 0
    for i in range(n):
        passages = [" ".join(rng.choice(VOCABULARY, 120)) for _ in range(1 + rng.integers(5))]
        unused += sum(len(p) for p in passages[1:])
        total += sum(len(p) for p in passages)
        passed = rng.random() > 0.05 + fail_per_extra_passage * (len(passages) - 1)
        rows.append({"trace_id": f"t{i}", "prompt_version": "v1", "context": json.dumps(passages),
                     "output": passages[0], "pass_rate.groundedness": passed})  # fmt: skip
    return pl.DataFrame(rows), unused / total


def test_the_unused_share_of_retrieved_context_is_measured_back() -> None:
    traces, unused = _traces(300, 0.0)
    usage = unused_chars(traces)
    assert usage["unused_chars"].sum() / usage["context_chars"].sum() == pytest.approx(unused, abs=1e-9)


def test_plain_text_context_splits_into_paragraphs() -> None:
    frame = pl.DataFrame({"trace_id": ["a"], "output": ["alpha beta gamma"],
                          "context": ["alpha beta gamma delta\n\nunrelated words only here"]})  # fmt: skip
    row = unused_chars(frame).row(0, named=True)
    assert row["unused_chars"] == len("unrelated words only here")


def test_a_passage_retrieved_twice_is_judged_against_each_answer() -> None:
    passage = "alpha beta gamma delta"
    frame = pl.DataFrame({"trace_id": ["a", "b"], "output": ["alpha beta gamma", "unrelated reply"],
                          "context": [json.dumps([passage])] * 2})  # fmt: skip
    unused = dict(unused_chars(frame).select("trace_id", "unused_chars").iter_rows())
    assert unused == {"a": 0, "b": len(passage)}


def test_long_contexts_that_fail_more_are_found_and_bucketed() -> None:
    traces, _ = _traces(1500, 0.12)
    assert context_finding(traces, unused_chars(traces)).startswith("long contexts fail more often")
    buckets = (
        context_buckets(DAY, "bot", traces, unused_chars(traces))
        .filter(pl.col("prompt_version") == "*")
        .sort("bucket_order")
    )
    assert buckets["traces"].sum() == 1500
    assert buckets["pass_rate"][0] > buckets["pass_rate"][-1]
    assert all(buckets["ci_low"] <= buckets["pass_rate"]) and all(buckets["pass_rate"] <= buckets["ci_high"])


def test_when_length_does_not_matter_and_most_context_is_unused_less_would_do() -> None:
    traces, unused = _traces(1500, 0.0)
    assert unused > 0.5
    assert context_finding(traces, unused_chars(traces)).startswith("less context would do")
