"""count_categories: both samples counted over the union of their categories, in name order."""

from __future__ import annotations

import numpy as np

from llmqa.drift.categories import count_categories


def test_a_category_missing_from_one_side_counts_zero_there() -> None:
    counts = count_categories(np.array(["b", "a", "a"], dtype=object), np.array(["c", "a"], dtype=object))
    assert counts.categories.tolist() == ["a", "b", "c"]
    assert counts.reference.tolist() == [2, 1, 0]
    assert counts.current.tolist() == [1, 0, 1]


def test_none_is_counted_as_the_text_none() -> None:
    counts = count_categories(np.array([None, "x"], dtype=object), np.array(["None"], dtype=object))
    assert counts.categories.tolist() == ["None", "x"]
    assert (counts.reference.tolist(), counts.current.tolist()) == ([1, 1], [1, 0])
