"""Properties the existing ones (test_evaluator_properties, test_drift_properties) leave out:
hostile text and numbers in every column reach every deterministic evaluator without an exception;
the conform step takes any value; symmetric drift tests give the same answer either way round."""

from __future__ import annotations

import math
import re

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmqa.conform import CONFORM_COLUMN, conform
from llmqa.contract import TRACE_SCHEMA
from llmqa.drift.registry import REGISTRY as DRIFT_TESTS
from llmqa.evaluators import REGISTRY
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.redact import excerpt_expr
from tests.hostile.cases import IMG, JS_LINK, SCRIPT, SQL

HOSTILE = [
    "", "\x00", "\x1b[31m", "\u202eexe.pdf", "\u200b", "\ufeff", "\ufffd", SCRIPT, IMG, JS_LINK, SQL,
    '["\\ud800"]', '{"resolved": "\\udfff"}', "[1, 2]", "[[", "{", "null", "true", "0", "-1", "NaN",
    "```json\n{}\n```", "a" * 5000, "word " * 1000, "😀" * 50, "I can't help with that.",
]  # fmt: skip
TEXT = st.one_of(st.none(), st.sampled_from(HOSTILE), st.text(max_size=120))
NUMBER = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))
COUNT = st.one_of(st.none(), st.integers(min_value=-(2**40), max_value=2**40))
STRING_COLUMNS = [c for c, t in TRACE_SCHEMA.items() if t == pl.String]


@st.composite
def batches(draw: st.DrawFn) -> pl.DataFrame:
    """1-4 traces with hostile text in every text column and any numbers in the numeric ones."""
    height = draw(st.integers(1, 4))
    data: dict[str, list[object]] = {}
    for column, dtype in TRACE_SCHEMA.items():
        strategy = {pl.String: TEXT, pl.Float64: NUMBER, pl.Int64: COUNT}.get(dtype, st.none())
        data[column] = [draw(strategy) for _ in range(height)]
    data["trace_id"] = [f"t{i}" for i in range(height)]
    return conform(pl.DataFrame(data, schema=TRACE_SCHEMA)).drop(CONFORM_COLUMN)


@pytest.mark.parametrize("name", sorted(deterministic_evaluators()))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=batches())
def test_hostile_rows_give_every_evaluator_scores_in_range(name: str, batch: pl.DataFrame) -> None:
    evaluator = REGISTRY[name]
    try:
        options = evaluator.options()
    except ValueError:
        pytest.skip(f"{name} needs options")
    out = evaluator.compute(batch, options)
    assert out.height == batch.height
    assert all(s is None or 0.0 <= s <= 1.0 for s in out["score"])


@settings(max_examples=60, deadline=None)
@given(data=st.data(), height=st.integers(0, 6))
def test_conform_takes_any_text_as_numbers_and_any_bytes_as_text(data: st.DataObject, height: int) -> None:
    texts = data.draw(st.lists(st.one_of(st.none(), st.text(max_size=20)), min_size=height, max_size=height))
    raw = data.draw(st.lists(st.one_of(st.none(), st.binary(max_size=20)), min_size=height, max_size=height))
    batch = pl.DataFrame(
        {"latency_ms": pl.Series(texts, dtype=pl.String), "output": pl.Series(raw, dtype=pl.Binary)}
    )
    out = conform(batch)
    assert out.schema == pl.Schema({**TRACE_SCHEMA, CONFORM_COLUMN: pl.String()})
    assert out["output"].is_null().to_list() == [b is None for b in raw]
    lost = [t is not None and v is None for t, v in zip(texts, out["latency_ms"], strict=True)]
    assert [r is not None and "latency_ms is not a number" in r for r in out[CONFORM_COLUMN]] == lost


# Wasserstein and PSI are scaled or binned by the reference, so they are not meant to be symmetric.
SYMMETRIC = {"numeric": ["ks"], "rate": ["two_proportion_z", "fisher_exact"],
             "categorical": ["chi_square", "jensen_shannon"]}  # fmt: skip
RECIPROCAL = {"fisher_exact"}  # the statistic is an odds ratio: swapping the samples inverts it
SAMPLES = {
    "numeric": st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40).map(lambda v: np.array(v, float)),
    "rate": st.lists(st.booleans(), min_size=1, max_size=60).map(lambda v: np.array(v, bool)),
    "categorical": st.lists(st.sampled_from("abcd"), min_size=1, max_size=40).map(lambda v: np.array(v, object)),
}  # fmt: skip


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("name", [n for names in SYMMETRIC.values() for n in names])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_symmetric_tests_give_the_same_answer_either_way_round(name: str, data: st.DataObject) -> None:
    test = DRIFT_TESTS[name]
    kind = next(k for k, names in SYMMETRIC.items() if name in names)
    a, b = data.draw(SAMPLES[kind]), data.draw(SAMPLES[kind])
    forward, backward = test.compute(a, b, test.threshold), test.compute(b, a, test.threshold)
    assert _same(forward.p_value, backward.p_value)
    if name in RECIPROCAL:
        assert _same(forward.statistic, 1 / backward.statistic if backward.statistic else math.inf)
    else:
        assert _same(abs(forward.statistic), abs(backward.statistic))
    assert forward.p_value is None or 0.0 <= forward.p_value <= 1.0


@settings(max_examples=60, deadline=None)
@given(text=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300)), length=st.integers(5, 200))
def test_an_excerpt_is_short_and_holds_no_control_or_bidi_character(text: str, length: int) -> None:
    excerpt = pl.select(excerpt_expr(pl.lit(text, pl.String), length)).item()
    assert len(excerpt) <= length + 1
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", excerpt)
