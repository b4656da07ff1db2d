"""Two-proportion z test (pooled), for rates with enough successes and failures on each side.

Null hypothesis: the reference and current rates are equal. The effect size is the
difference current - reference in rate points (signed); the detail holds its Newcombe
interval. With an expected cell count under 5, `fisher_exact` is chosen instead.
"""

from __future__ import annotations

import math

import numpy as np

from llmqa.drift.base import DriftResult, DriftTest, standalone, undefined
from llmqa.drift.proportions import count, describe


def two_proportion_z(reference: np.ndarray, current: np.ndarray, threshold: float) -> DriftResult:
    """Pooled z statistic and two-sided p-value for equal rates."""
    from scipy import stats

    counts = count(reference, current)
    n_ref, n_cur = counts.ref_trials, counts.cur_trials
    if not n_ref or not n_cur:
        return undefined(n_ref, n_cur)
    pooled = (counts.ref_successes + counts.cur_successes) / (n_ref + n_cur)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n_ref + 1 / n_cur))
    difference = counts.difference
    z = difference / spread if spread > 0 else 0.0
    p_value = float(min(1.0, 2 * stats.norm.sf(abs(z))))
    drifted = standalone(p_value, difference, threshold)
    return DriftResult(z, p_value, difference, drifted, n_ref, n_cur, describe(counts))


TEST = DriftTest(
    name="two_proportion_z",
    kind="rate",
    threshold=0.005,
    min_samples=30,
    compute=two_proportion_z,
    summary="Two-proportion z test; effect = rate difference with a Newcombe interval.",
    signed=True,
)
