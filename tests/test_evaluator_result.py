"""`result`: the score and reason columns every evaluator returns."""

from __future__ import annotations

import polars as pl

from llmqa.evaluators.base import result


def test_scores_become_floats_in_range_with_nan_as_not_applicable():
    raw = pl.DataFrame({"s": [0.5, float("nan"), None, -0.2, 1.7], "r": ["a", None, None, "b", "c"]})
    out = raw.select(result(pl.col("s"), pl.col("r")))
    assert out.schema == pl.Schema({"score": pl.Float64(), "reason": pl.String()})
    assert out["score"].to_list() == [0.5, None, None, 0.0, 1.0]


def test_an_integer_score_is_cast_to_float():
    out = pl.DataFrame({"s": [0, 1]}).select(result(pl.col("s"), pl.lit(None)))
    assert out["score"].to_list() == [0.0, 1.0]
    assert out.schema["score"] == pl.Float64
