"""Kolmogorov-Smirnov two-sample test.

Null hypothesis: reference and current are drawn from the same continuous distribution.
The statistic D, the largest gap between the two empirical CDFs, is also the effect size:
the threshold asks for a gap worth reporting on top of a small p-value.
"""

from __future__ import annotations

import warnings

import numpy as np

from llmqa.drift.base import DriftResult, DriftTest, finite_pair, standalone, undefined
from llmqa.drift.ecdf import ecdf, largest_gap

EXACT_UP_TO = 10_000  # scipy's ks_2samp computes the exact p-value up to this many values a side


def ks(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """KS statistic D and its p-value: scipy's ks_2samp up to `EXACT_UP_TO` values a side.

    Larger samples take D from their distinct values and the p-value from the limiting
    Kolmogorov distribution of D * sqrt(n1 n2 / (n1 + n2)), as R's ks.test does: scipy's
    finite-n distribution costs up to 0.1 s a call there, and the limit is at most about 2%
    above it (conservative) wherever p > 1e-6.
    """
    from scipy import stats

    ref, cur, dropped = finite_pair(reference, current)
    if not ref.size or not cur.size:
        return undefined(ref.size, cur.size, **dropped)
    if max(ref.size, cur.size) <= EXACT_UP_TO:
        with warnings.catch_warnings():  # scipy falls back to the asymptotic p-value, as it says
            warnings.filterwarnings("ignore", "ks_2samp: Exact calculation unsuccessful", RuntimeWarning)
            result = stats.ks_2samp(ref, cur)
        statistic, p_value = float(result.statistic), float(result.pvalue)
    else:
        statistic = largest_gap(ecdf(ref), ecdf(cur))
        p_value = float(stats.kstwobign.sf(statistic * np.sqrt(ref.size * cur.size / (ref.size + cur.size))))
    p_value = float(np.clip(p_value, 0.0, 1.0))
    drifted = standalone(p_value, statistic, threshold)
    return DriftResult(statistic, p_value, statistic, drifted, ref.size, cur.size, dropped)


TEST = DriftTest(
    name="ks",
    kind="numeric",
    threshold=0.05,
    min_samples=30,
    compute=ks,
    summary="Kolmogorov-Smirnov: largest gap between the two distribution functions.",
)
