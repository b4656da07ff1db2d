"""Significance tests and sample sizes the analytics share, as small functions returning named tuples.

Every test is two-sided. The null hypotheses: two proportions are equal (z test), two
samples come from the same distribution (Mann-Whitney U), paired pass/fail outcomes
change in either direction equally often (McNemar), paired score differences are
symmetric about zero (Wilcoxon signed-rank).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from scipy import stats


class TestResult(NamedTuple):
    """A test statistic and its two-sided p-value (nan when the test is undefined)."""

    statistic: float
    p_value: float


UNDEFINED = TestResult(math.nan, math.nan)


def two_proportion_z(successes_a: int, n_a: int, successes_b: int, n_b: int) -> TestResult:
    """Pooled two-proportion z test of rate b against rate a."""
    if n_a == 0 or n_b == 0:
        return UNDEFINED
    pooled = (successes_a + successes_b) / (n_a + n_b)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if spread == 0:
        return TestResult(0.0, 1.0)
    z = (successes_b / n_b - successes_a / n_a) / spread
    return TestResult(z, float(2 * stats.norm.sf(abs(z))))


def mann_whitney(a: np.ndarray, b: np.ndarray) -> TestResult:
    """Mann-Whitney U test of sample b against sample a."""
    if len(a) == 0 or len(b) == 0:
        return UNDEFINED
    result = stats.mannwhitneyu(b, a, alternative="two-sided")
    return TestResult(float(result.statistic), float(result.pvalue))


def mcnemar(a_only: int, b_only: int) -> TestResult:
    """Exact McNemar test on the discordant pairs: passed only under a, passed only under b."""
    if a_only + b_only == 0:
        return TestResult(0.0, 1.0)
    return TestResult(float(b_only - a_only), float(stats.binomtest(b_only, a_only + b_only).pvalue))


def wilcoxon_paired(a: np.ndarray, b: np.ndarray) -> TestResult:
    """Wilcoxon signed-rank test of paired scores b - a; pairs with no difference are dropped."""
    if len(a) == 0 or np.all(a == b):
        return TestResult(0.0, 1.0)
    result = stats.wilcoxon(b, a, zero_method="wilcox")
    return TestResult(float(result.statistic), float(result.pvalue))


def _z(alpha: float, power: float) -> tuple[float, float]:
    return float(stats.norm.isf(alpha / 2)), float(stats.norm.ppf(power))


def proportion_sample_size(
    p_a: float, p_b: float, *, alpha: float = 0.05, power: float = 0.8
) -> float | None:
    """Traces per group a two-proportion z test needs to detect rates p_a vs p_b; None if they are equal."""
    if p_a == p_b:
        return None
    z_alpha, z_beta = _z(alpha, power)
    mean = (p_a + p_b) / 2
    root = z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_beta * math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b))
    return math.ceil(root**2 / (p_a - p_b) ** 2)


def shift_sample_size(
    difference: float, sd: float, *, alpha: float = 0.05, power: float = 0.8
) -> float | None:
    """Values per group Mann-Whitney needs to detect a mean shift (normal approximation, efficiency 3/π)."""
    if difference == 0 or not math.isfinite(difference) or not math.isfinite(sd) or sd == 0:
        return None
    z_alpha, z_beta = _z(alpha, power)
    return math.ceil(2 * (z_alpha + z_beta) ** 2 * sd**2 / difference**2 / (3 / math.pi))


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values (nan stays nan), controlling the family-wise error rate."""
    values = np.asarray(p_values, dtype=float)
    valid = np.flatnonzero(~np.isnan(values))
    order = valid[np.argsort(values[valid], kind="stable")]
    adjusted = values.copy()
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(order) - rank) * values[index]))
        adjusted[index] = running
    return adjusted.tolist()
