"""Property: no string in any column crashes an evaluator, and scores stay in [0, 1] or null."""

from __future__ import annotations

import pytest
from evaluator_helpers import traces
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmqa.evaluators import REGISTRY
from llmqa.evaluators.catalogue import deterministic_evaluators

TEXT = st.one_of(
    st.none(),
    st.text(max_size=200),
    st.sampled_from(["", " ", "[]", '["a"]', "{", "```", "0", "I can't."]),
)


@pytest.mark.parametrize("name", sorted(deterministic_evaluators()))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=4))
def test_any_strings_give_scores_in_range(name, rows):
    inputs, outputs, contexts, references, feedback, metadata = (list(col) for col in zip(*rows, strict=True))
    batch = traces(
        input=inputs,
        output=outputs,
        context=contexts,
        reference=references,
        feedback_text=feedback,
        metadata=metadata,
    )
    evaluator = REGISTRY[name]
    out = evaluator.compute(batch, evaluator.options())
    assert out.height == batch.height
    assert all(s is None or 0.0 <= s <= 1.0 for s in out["score"])
