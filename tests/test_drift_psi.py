"""psi: population stability index on the reference's decile bins."""

from __future__ import annotations

import numpy as np
import pytest

from llmqa.drift.psi import FLOOR, psi


def test_same_distribution_scores_zero() -> None:
    values = np.arange(1000.0)
    result = psi(values, values[::-1].copy(), 0.1)
    assert result.statistic == pytest.approx(0.0)
    assert result.detail["bins"] == 10


def test_everything_in_the_lowest_decile_matches_the_hand_sum() -> None:
    # Reference deciles hold 10% each; current puts 100% in the first, 0 (floored) elsewhere.
    expected = (1 - 0.1) * np.log(1 / 0.1) + 9 * (FLOOR - 0.1) * np.log(FLOOR / 0.1)
    result = psi(np.arange(1000.0), np.arange(50.0), 0.1)
    assert result.statistic == pytest.approx(expected)
    assert result.drifted


def test_tied_values_merge_bins() -> None:
    reference = np.repeat([1.0, 2.0, 3.0], 100)
    assert psi(reference, reference, 0.1).detail["bins"] == 3
