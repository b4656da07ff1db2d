"""jensen_shannon: distance between category shares, base 2."""

from __future__ import annotations

import numpy as np
import pytest

from llmqa.drift.jensen_shannon import jensen_shannon


def _categories(**counts: int) -> np.ndarray:
    return np.array([name for name, n in counts.items() for _ in range(n)], dtype=object)


def test_all_in_one_against_half_and_half_matches_the_hand_computation() -> None:
    # p = (1, 0), q = (.5, .5), m = (.75, .25): JS = (log2(4/3) + (.5 log2(2/3) + .5)) / 2.
    divergence = (np.log2(4 / 3) + 0.5 * np.log2(2 / 3) + 0.5) / 2
    result = jensen_shannon(_categories(a=100), _categories(a=50, b=50), 0.1)
    assert result.statistic == pytest.approx(np.sqrt(divergence))


def test_identical_shares_are_zero_and_disjoint_ones_one() -> None:
    assert jensen_shannon(_categories(a=3, b=1), _categories(a=30, b=10), 0.1).statistic == 0.0
    assert jensen_shannon(_categories(a=5), _categories(b=5), 0.1).statistic == pytest.approx(1.0)


def test_is_symmetric() -> None:
    a, b = _categories(x=30, y=20), _categories(x=10, y=25, z=15)
    assert jensen_shannon(a, b, 0.1).statistic == pytest.approx(jensen_shannon(b, a, 0.1).statistic)
