"""Every registered test on any input: no exception, p in [0, 1], NaN/inf dropped and counted."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from llmqa.drift.registry import REGISTRY

NUMERIC = [t for t in REGISTRY.values() if t.kind == "numeric"]
floats = st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=60)


@settings(max_examples=150, deadline=None)
@given(reference=floats, current=floats)
def test_numeric_tests_take_any_floats(reference: list[float], current: list[float]) -> None:
    ref, cur = np.array(reference, dtype=float), np.array(current, dtype=float)
    for test in NUMERIC:
        result = test.compute(ref, cur, test.threshold)
        assert result.p_value is None or 0.0 <= result.p_value <= 1.0
        assert result.n_reference == np.isfinite(ref).sum()
        assert result.detail["dropped_current"] == (~np.isfinite(cur)).sum()


@settings(max_examples=150, deadline=None)
@given(reference=st.lists(st.booleans(), max_size=80), current=st.lists(st.booleans(), max_size=80))
def test_rate_tests_take_any_booleans(reference: list[bool], current: list[bool]) -> None:
    for name in ("two_proportion_z", "fisher_exact"):
        result = REGISTRY[name].compute(np.array(reference, bool), np.array(current, bool), 0.005)
        assert result.p_value is None or 0.0 <= result.p_value <= 1.0


@settings(max_examples=150, deadline=None)
@given(
    reference=st.lists(st.sampled_from(["a", "b", "c", "(none)"]), max_size=60),
    current=st.lists(st.sampled_from(["a", "b", "d"]), max_size=60),
)
def test_categorical_tests_take_any_categories(reference: list[str], current: list[str]) -> None:
    for name in ("chi_square", "jensen_shannon"):
        result = REGISTRY[name].compute(
            np.array(reference, dtype=object), np.array(current, dtype=object), 0.1
        )
        assert result.p_value is None or 0.0 <= result.p_value <= 1.0
        assert np.isnan(result.statistic) or result.statistic >= 0.0
