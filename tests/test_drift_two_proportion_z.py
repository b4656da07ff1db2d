"""two_proportion_z: the pooled z test for equal rates, and the difference's Newcombe interval."""

from __future__ import annotations

import numpy as np
import pytest

from llmqa.drift.two_proportion_z import two_proportion_z


def _sample(successes: int, trials: int) -> np.ndarray:
    return np.arange(trials) < successes


def test_z_and_p_value_match_the_hand_computation() -> None:
    # 30/100 vs 50/100: pooled 0.4, se = sqrt(0.4 * 0.6 * 0.02) = 0.069282, z = 0.2 / se.
    result = two_proportion_z(_sample(30, 100), _sample(50, 100), 0.005)
    assert result.statistic == pytest.approx(2.886751, abs=1e-6)
    assert result.p_value == pytest.approx(0.0038924, abs=1e-6)
    assert result.effect_size == pytest.approx(0.2)
    assert result.drifted


def test_difference_interval_is_newcombes_published_example() -> None:
    # Newcombe (1998), Table II example: 56/70 vs 48/80 gives 0.0524 to 0.3339.
    result = two_proportion_z(_sample(48, 80), _sample(56, 70), 0.005)
    low, high = result.detail["difference_ci95"]
    assert (low, high) == (pytest.approx(0.0524, abs=1e-4), pytest.approx(0.3339, abs=1e-4))


def test_swapping_the_samples_negates_z_and_keeps_p() -> None:
    forward = two_proportion_z(_sample(40, 500), _sample(60, 450), 0.005)
    backward = two_proportion_z(_sample(60, 450), _sample(40, 500), 0.005)
    assert backward.statistic == pytest.approx(-forward.statistic)
    assert backward.p_value == pytest.approx(forward.p_value)


def test_equal_all_zero_rates_give_p_one() -> None:
    result = two_proportion_z(_sample(0, 200), _sample(0, 300), 0.005)
    assert (result.statistic, result.p_value, result.drifted) == (0.0, 1.0, False)


def test_an_empty_side_is_undefined() -> None:
    result = two_proportion_z(_sample(0, 0), _sample(3, 10), 0.005)
    assert result.p_value is None and np.isnan(result.statistic)
