"""wasserstein: earth mover's distance in reference standard deviations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from llmqa.drift.wasserstein import wasserstein


def test_a_shift_by_one_reference_sd_scores_one() -> None:
    # Reference {0, 2} has population sd 1; moving every value by 1 costs 1.
    result = wasserstein(np.array([0.0, 2.0]), np.array([1.0, 3.0]), 0.1)
    assert result.statistic == pytest.approx(1.0)
    assert result.p_value is None and result.drifted


def test_a_half_step_shift_is_divided_by_the_reference_sd() -> None:
    reference = np.array([0.0, 1, 2, 3])
    result = wasserstein(reference, reference + 0.5, 0.1)
    assert result.statistic == pytest.approx(0.5 / np.sqrt(1.25))


def test_a_constant_reference_uses_the_floor_scale() -> None:
    result = wasserstein(np.zeros(10), np.full(10, 0.002), 0.1)
    assert result.statistic == pytest.approx(2.0)


def test_identical_samples_have_no_distance() -> None:
    values = np.random.default_rng(0).normal(size=200)
    assert wasserstein(values, values.copy(), 0.1).statistic == 0.0


@pytest.mark.parametrize("rounding", [None, 0, 1], ids=["continuous", "integers", "tenths"])
def test_distance_is_scipys_over_the_reference_sd(rounding: int | None) -> None:
    rng = np.random.default_rng(4)
    reference, current = rng.gamma(2.0, size=5_000), rng.gamma(2.2, size=3_000)
    if rounding is not None:
        reference, current = np.round(reference, rounding), np.round(current, rounding)
    expected = stats.wasserstein_distance(reference, current) / np.std(reference)
    assert wasserstein(reference, current, 0.1).statistic == pytest.approx(expected, rel=1e-12)
