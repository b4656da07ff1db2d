"""benjamini_hochberg: adjusted p-values across all tests of a day."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from llmqa.drift.multiple import benjamini_hochberg


def test_matches_the_hand_computed_step_up() -> None:
    # Sorted: .005*4/1=.02, .01*4/2=.02, .03*4/3=.04, .04*4/4=.04; running minimum from the top.
    adjusted = benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.005]))
    assert adjusted == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_missing_p_values_stay_missing_and_do_not_count() -> None:
    adjusted = benjamini_hochberg(np.array([0.01, np.nan, 0.04]))
    assert np.isnan(adjusted[1])
    assert adjusted[[0, 2]] == pytest.approx([0.02, 0.04])


def test_agrees_with_scipy() -> None:
    p = np.random.default_rng(3).uniform(size=50) ** 3
    assert benjamini_hochberg(p) == pytest.approx(stats.false_discovery_control(p))


def test_nothing_to_adjust() -> None:
    assert benjamini_hochberg(np.array([])).size == 0
