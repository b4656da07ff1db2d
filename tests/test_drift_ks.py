"""ks: the two-sample Kolmogorov-Smirnov test, with non-finite values dropped and counted."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from llmqa.drift.ks import ks


def test_statistic_is_the_largest_cdf_gap() -> None:
    # After 2 the reference CDF is 0.5 and the current one 0: D = 0.5.
    result = ks(np.array([1.0, 2, 3, 4]), np.array([3.0, 4, 5, 6]), 0.05)
    assert result.statistic == pytest.approx(0.5)
    assert result.effect_size == pytest.approx(0.5)


def test_p_value_matches_scipy() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=300), rng.normal(0.2, size=250)
    assert ks(a, b, 0.05).p_value == pytest.approx(stats.ks_2samp(a, b).pvalue, rel=1e-12)


def test_is_symmetric() -> None:
    rng = np.random.default_rng(2)
    a, b = rng.exponential(size=120), rng.exponential(1.3, size=80)
    forward, backward = ks(a, b, 0.05), ks(b, a, 0.05)
    assert (forward.statistic, forward.p_value) == pytest.approx((backward.statistic, backward.p_value))


def test_nan_and_infinity_are_dropped_and_counted() -> None:
    result = ks(np.array([1.0, np.nan, 2, np.inf]), np.array([1.0, 2, -np.inf]), 0.05)
    assert (result.n_reference, result.n_current) == (2, 2)
    assert result.detail == {"dropped_reference": 2, "dropped_current": 1}
    assert result.statistic == 0.0


def test_an_all_nan_side_is_undefined() -> None:
    result = ks(np.array([np.nan, np.nan]), np.array([1.0, 2.0]), 0.05)
    assert result.p_value is None and result.n_reference == 0 and not result.drifted


@pytest.mark.parametrize("rounding", [None, 0, 2], ids=["continuous", "integers", "hundredths"])
def test_large_samples_get_scipys_statistic_and_a_slightly_conservative_p_value(rounding: int | None) -> None:
    rng = np.random.default_rng(3)
    a, b = rng.lognormal(size=30_000), rng.lognormal(0.03, size=20_000)
    if rounding is not None:
        a, b = np.round(a, rounding), np.round(b, rounding)
    expected, ours = stats.ks_2samp(a, b), ks(a, b, 0.05)
    assert ours.statistic == pytest.approx(expected.statistic, rel=1e-12)
    assert 1e-6 < expected.pvalue < 0.5
    assert expected.pvalue <= ours.p_value <= expected.pvalue * 1.02
