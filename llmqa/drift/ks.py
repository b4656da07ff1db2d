"""Kolmogorov-Smirnov two-sample test.

Null hypothesis: reference and current are drawn from the same continuous distribution.
The statistic D, the largest gap between the two empirical CDFs, is also the effect size:
the threshold asks for a gap worth reporting on top of a small p-value.
"""

from __future__ import annotations

import warnings

import numpy as np

from llmqa.drift.base import DriftResult, DriftTest, finite_pair, standalone, undefined


def ks(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """KS statistic D and its p-value (scipy's exact or asymptotic choice)."""
    from scipy import stats

    ref, cur, dropped = finite_pair(reference, current)
    if not ref.size or not cur.size:
        return undefined(ref.size, cur.size, **dropped)
    with warnings.catch_warnings():  # scipy falls back to the asymptotic p-value, as it says
        warnings.filterwarnings("ignore", "ks_2samp: Exact calculation unsuccessful", RuntimeWarning)
        result = stats.ks_2samp(ref, cur)
    statistic, p_value = float(result.statistic), float(np.clip(result.pvalue, 0.0, 1.0))
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
